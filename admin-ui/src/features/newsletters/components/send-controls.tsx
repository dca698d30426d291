import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { confirmAction } from '../../../components/confirm';
import { notifyError, notifySuccess } from '../../../components/notify';
import { formatNumber } from '../../../lib/format';
import { useAudienceSize } from '../api/audience-size';
import { useDeleteNewsletter } from '../api/delete-newsletter';
import type { NewsletterDetail } from '../api/get-newsletter';
import {
  useDuplicateNewsletter,
  useLifecycle,
  useSendNewsletter,
  type LifecycleAction,
} from '../api/newsletter-actions';
import { useSendTest } from '../api/send-test';

function TestSend({ id }: { id: number }) {
  const [opened, { open, close }] = useDisclosure();
  const [emails, setEmails] = useState('');
  const test = useSendTest();
  const send = () =>
    test.mutate(
      {
        id,
        emails: emails
          .split(/[\s,;]+/)
          .map((email) => email.trim())
          .filter(Boolean),
      },
      {
        onSuccess: ({ queued }) => {
          notifySuccess(`Test queued for ${queued} ${queued === 1 ? 'address' : 'addresses'}`);
          close();
        },
        onError: (error) => notifyError(error, 'Test not sent'),
      },
    );
  return (
    <>
      <Button variant="default" onClick={open}>
        Send test
      </Button>
      <Modal opened={opened} onClose={close} title="Send a test">
        <Stack>
          <TextInput
            label="Addresses"
            description="Up to 5, separated by commas. The subject starts with [Test]."
            value={emails}
            onChange={(event) => setEmails(event.currentTarget.value)}
            data-autofocus
          />
          <Button onClick={send} loading={test.isPending} disabled={!emails.trim()} w="fit-content">
            Send test
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/** A local date-time from the picker as ISO 8601 with this browser's zone, which the API requires. */
function withZone(local: string): string {
  return new Date(local).toISOString();
}

function SendButtons({ newsletter }: { newsletter: NewsletterDetail }) {
  const audience = useAudienceSize(newsletter.audience);
  const send = useSendNewsletter();
  const [scheduling, schedule] = useDisclosure();
  const [sendAt, setSendAt] = useState('');
  const filtered = newsletter.audience !== null;
  const people = audience.data
    ? `${formatNumber(audience.data.count)} ${filtered ? 'confirmed subscribers in its audience' : 'confirmed subscribers'}`
    : filtered
      ? 'the confirmed subscribers in its audience'
      : 'every confirmed subscriber';

  const sendNow = () =>
    confirmAction({
      title: 'Send this newsletter now?',
      message: `“${newsletter.subject}” goes to ${people}. This cannot be undone, only paused or cancelled.`,
      confirmLabel: audience.data ? `Send to ${formatNumber(audience.data.count)}` : 'Send now',
      onConfirm: () =>
        // The count confirmed is the count sent: if people joined or left since, the server refuses and says so.
        send.mutate(
          { id: newsletter.id, expectedAudience: audience.data?.count },
          { onSuccess: () => notifySuccess('Sending started'), onError: (error) => notifyError(error, 'Not sent') },
        ),
    });
  const scheduleSend = () =>
    send.mutate(
      { id: newsletter.id, sendAt: withZone(sendAt) },
      {
        onSuccess: () => {
          notifySuccess('Scheduled');
          schedule.close();
        },
        onError: (error) => notifyError(error, 'Not scheduled'),
      },
    );

  return (
    <>
      <Button onClick={sendNow} loading={send.isPending || audience.isPending}>
        Send now
      </Button>
      <Button variant="default" onClick={schedule.open}>
        Schedule
      </Button>
      <Modal opened={scheduling} onClose={schedule.close} title="Schedule this newsletter">
        <Stack>
          <TextInput
            label="Send at (your local time)"
            type="datetime-local"
            value={sendAt}
            onChange={(event) => setSendAt(event.currentTarget.value)}
          />
          <Text size="sm">It will go to {people} at that time.</Text>
          <Button onClick={scheduleSend} disabled={!sendAt} loading={send.isPending} w="fit-content">
            Schedule
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

export function SendControls({ newsletter }: { newsletter: NewsletterDetail }) {
  const lifecycle = useLifecycle();
  const remove = useDeleteNewsletter();
  const duplicate = useDuplicateNewsletter();
  const navigate = useNavigate();
  const copy = () =>
    duplicate.mutate(newsletter.id, {
      onSuccess: (draft) => {
        notifySuccess('Duplicated as a new draft');
        void navigate(`/newsletters/${draft.id}/edit`);
      },
      onError: (error) => notifyError(error, 'Not duplicated'),
    });
  const act = (action: LifecycleAction, done: string) =>
    lifecycle.mutate(
      { id: newsletter.id, action },
      { onSuccess: () => notifySuccess(done), onError: (error) => notifyError(error) },
    );
  const cancel = () =>
    confirmAction({
      title: 'Cancel this newsletter?',
      message: 'Nobody else will receive it. Messages already sent stay sent.',
      confirmLabel: 'Cancel newsletter',
      danger: true,
      onConfirm: () => act('cancel', 'Cancelled'),
    });
  const askDelete = () =>
    confirmAction({
      title: 'Delete this newsletter?',
      message: 'The draft and its history are removed.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () =>
        remove.mutate(newsletter.id, {
          onSuccess: () => {
            notifySuccess('Newsletter deleted');
            void navigate('/newsletters');
          },
          onError: (error) => notifyError(error),
        }),
    });

  const { status } = newsletter;
  return (
    <Group gap="xs">
      {(status === 'draft' || status === 'scheduled') && (
        <Button variant="default" component={Link} to={`/newsletters/${newsletter.id}/edit`}>
          Edit
        </Button>
      )}
      <TestSend id={newsletter.id} />
      <Button variant="default" onClick={copy} loading={duplicate.isPending}>
        Duplicate
      </Button>
      {status === 'draft' && <SendButtons newsletter={newsletter} />}
      {status === 'sending' && (
        <Button variant="default" onClick={() => act('pause', 'Paused')} loading={lifecycle.isPending}>
          Pause
        </Button>
      )}
      {status === 'paused' && (
        <Button onClick={() => act('resume', 'Resumed')} loading={lifecycle.isPending}>
          Resume
        </Button>
      )}
      {(status === 'scheduled' || status === 'sending' || status === 'paused') && (
        <Button color="red" variant="light" onClick={cancel}>
          Cancel
        </Button>
      )}
      {(status === 'draft' || status === 'scheduled' || status === 'cancelled' || status === 'failed') && (
        <Button color="red" variant="subtle" onClick={askDelete} loading={remove.isPending}>
          Delete
        </Button>
      )}
    </Group>
  );
}
