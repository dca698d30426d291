import { Badge, Button, Drawer, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { confirmAction } from '../../../components/confirm';
import { notifyError, notifySuccess } from '../../../components/notify';
import { QueryState } from '../../../components/page-states';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useDeleteSubmissions } from '../api/delete-submissions';
import { useSubmission } from '../api/get-submission';
import { SUBMISSION_STATUSES, type Submission, type SubmissionStatus } from '../api/list-submissions';
import { useUpdateSubmission } from '../api/update-submission';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" className="message-text">
        {children}
      </Text>
    </div>
  );
}

function Details({ submission, onDeleted }: { submission: Submission; onDeleted: () => void }) {
  const { canWrite } = useSession();
  const update = useUpdateSubmission();
  const remove = useDeleteSubmissions();
  const setStatus = (status: string) =>
    update.mutate(
      { id: submission.id, status: status as SubmissionStatus },
      { onSuccess: () => notifySuccess(`Marked ${status}`), onError: (error) => notifyError(error) },
    );
  const askDelete = () =>
    confirmAction({
      title: 'Delete this submission?',
      message: 'It is removed for good, with its notification emails.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () =>
        remove.mutate([submission.id], {
          onSuccess: () => {
            notifySuccess('Submission deleted');
            onDeleted();
          },
          onError: (error) => notifyError(error),
        }),
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Badge variant="light">{submission.status}</Badge>
        <Text size="xs" c="dimmed">
          #{submission.id} · {formatDateTime(submission.created_at)}
        </Text>
      </Group>
      <Field label="Name">{submission.name}</Field>
      <Field label="Email">{submission.email}</Field>
      {submission.company && <Field label="Company">{submission.company}</Field>}
      {submission.timeline && <Field label="Timeline">{submission.timeline}</Field>}
      <Field label="Message">{submission.message}</Field>
      <Field label="Sent from">
        {submission.ip ?? 'unknown address'} · {submission.user_agent ?? 'unknown browser'}
      </Field>
      {canWrite && (
        <>
          <SegmentedControl
            fullWidth
            aria-label="Status"
            value={submission.status}
            onChange={setStatus}
            data={SUBMISSION_STATUSES.map((status) => ({ value: status, label: status }))}
            disabled={update.isPending}
          />
          <Button color="red" variant="light" onClick={askDelete} loading={remove.isPending} w="fit-content">
            Delete submission
          </Button>
        </>
      )}
    </Stack>
  );
}

/** The full submission in a side panel; its id lives in the URL (?open=) so the view can be linked. */
export function SubmissionDetail({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const submission = useSubmission(id);
  return (
    <Drawer opened={id !== undefined} onClose={onClose} title="Submission" position="right" size="md">
      <QueryState query={submission}>{(data) => <Details submission={data} onDeleted={onClose} />}</QueryState>
    </Drawer>
  );
}
