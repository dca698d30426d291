import { Badge, Button, Paper, Select, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { confirmAction } from '../../../components/confirm';
import { DataTable, type Column } from '../../../components/data-table';
import { DateRangeInputs } from '../../../components/date-range-inputs';
import { DebouncedInput } from '../../../components/debounced-input';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useListParams } from '../../../lib/use-list-params';
import { useOpenParam } from '../../../lib/use-open-param';
import { useDeleteSubmissions } from '../api/delete-submissions';
import {
  SUBMISSION_STATUSES,
  submissionsExportUrl,
  useSubmissions,
  type Submission,
  type SubmissionListQuery,
} from '../api/list-submissions';
import { SubmissionDetail } from './submission-detail';

const FILTERS = ['q', 'email', 'status', 'date_from', 'date_to'] as const;

const COLUMNS: readonly Column<Submission>[] = [
  { key: 'name', header: 'Name', sortKey: 'name', cell: (row) => row.name },
  { key: 'email', header: 'Email', sortKey: 'email', cell: (row) => row.email, hiddenOnMobile: true },
  {
    key: 'message',
    header: 'Message',
    cell: (row) => (row.message.length > 80 ? `${row.message.slice(0, 80)}…` : row.message),
    hiddenOnMobile: true,
  },
  { key: 'status', header: 'Status', sortKey: 'status', cell: (row) => <Badge variant="light">{row.status}</Badge> },
  { key: 'created_at', header: 'Received', sortKey: 'created_at', cell: (row) => formatDateTime(row.created_at) },
];

export function SubmissionsPage() {
  const params = useListParams(FILTERS, { sortBy: 'created_at', sortOrder: 'desc' });
  const query = params.query as SubmissionListQuery;
  const submissions = useSubmissions(query);
  const remove = useDeleteSubmissions();
  const { canWrite } = useSession();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [openId, setOpen] = useOpenParam();

  const deleteSelected = () =>
    confirmAction({
      title: `Delete ${selected.size} submissions?`,
      message: 'They are removed for good, with their notification emails.',
      confirmLabel: `Delete ${selected.size}`,
      danger: true,
      onConfirm: () =>
        remove.mutate([...selected], {
          onSuccess: ({ deleted }) => {
            setSelected(new Set());
            notifySuccess(`${deleted} submissions deleted`);
          },
          onError: (error) => notifyError(error),
        }),
    });

  return (
    <>
      <PageHeader
        title="Submissions"
        actions={
          <>
            {canWrite && selected.size > 0 && (
              <Button color="red" variant="light" onClick={deleteSelected} loading={remove.isPending}>
                Delete {selected.size} selected
              </Button>
            )}
            <Button component="a" href={`${submissionsExportUrl(query)}`} variant="default" download>
              Export CSV
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="xs">
          <DebouncedInput
            label="Search"
            placeholder="Name, company or message"
            value={params.filters.q}
            onCommit={(q) => params.setFilters({ q })}
          />
          <DebouncedInput
            label="Email"
            placeholder="Exact address"
            value={params.filters.email}
            onCommit={(email) => params.setFilters({ email })}
          />
          <Select
            label="Status"
            placeholder="Any"
            clearable
            data={[...SUBMISSION_STATUSES]}
            value={params.filters.status || null}
            onChange={(status) => params.setFilters({ status: status ?? '' })}
          />
          <DateRangeInputs from={params.filters.date_from} to={params.filters.date_to} onChange={params.setFilters} />
        </SimpleGrid>
      </Paper>
      <QueryState query={submissions}>
        {(data) => (
          <DataTable
            caption="Contact submissions"
            page={data}
            columns={COLUMNS}
            params={params}
            onOpen={(row) => setOpen(row.id)}
            selected={canWrite ? selected : undefined}
            onSelect={canWrite ? setSelected : undefined}
            emptyTitle="No submissions match"
          />
        )}
      </QueryState>
      <SubmissionDetail id={openId} onClose={() => setOpen(undefined)} />
    </>
  );
}
