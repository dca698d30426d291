import { Button, Code, Text } from '@mantine/core';
import { DataTable, type Column } from '../../../components/data-table';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useListParams } from '../../../lib/use-list-params';
import { useFailedMails, type FailedMail } from '../api/list-failed-mails';
import { useRetryMail } from '../api/retry-mail';

function RetryButton({ mail }: { mail: FailedMail }) {
  const retry = useRetryMail();
  return (
    <Button
      size="compact-sm"
      variant="default"
      loading={retry.isPending}
      aria-label={`Send mail ${mail.id} again`}
      onClick={() =>
        retry.mutate(mail.id, {
          onSuccess: () => notifySuccess(`Mail ${mail.id} is queued again`),
          onError: (error) => notifyError(error, 'Could not queue it again'),
        })
      }
    >
      Send again
    </Button>
  );
}

/** Mails that failed after every attempt (the SMTP server refused them, or was down for long): nothing resends them. */
export function FailedMailsPage() {
  const params = useListParams([] as const, { sortBy: 'id', sortOrder: 'desc' });
  const mails = useFailedMails({ page: params.page, per_page: params.perPage, cursor: params.cursor });
  const { user } = useSession();
  const columns: Column<FailedMail>[] = [
    { key: 'processed_at', header: 'Failed', cell: (row) => formatDateTime(row.processed_at ?? row.created_at) },
    { key: 'kind', header: 'Kind', cell: (row) => <Code>{row.kind}</Code> },
    { key: 'to', header: 'To', cell: (row) => row.to.join(', '), hiddenOnMobile: true },
    { key: 'subject', header: 'Subject', cell: (row) => row.subject ?? '—' },
    { key: 'last_error', header: 'Last answer', cell: (row) => row.last_error ?? '—', hiddenOnMobile: true },
    ...(user.role === 'viewer'
      ? []
      : [{ key: 'retry', header: '', cell: (row: FailedMail) => <RetryButton mail={row} /> }]),
  ];
  return (
    <>
      <PageHeader title="Failed mails" />
      <Text c="dimmed" size="sm" mb="md">
        Mails the SMTP server refused, or that could not be sent after every retry. Fix the cause (the SMTP settings,
        the recipients), then send them again.
      </Text>
      <QueryState query={mails}>
        {(data) => (
          <DataTable
            caption="Failed mails"
            page={data}
            columns={columns}
            params={params}
            emptyTitle="No failed mails"
          />
        )}
      </QueryState>
    </>
  );
}
