import { Badge, Button, Group, Select } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { DataTable, type Column } from '../../../components/data-table';
import { DebouncedInput } from '../../../components/debounced-input';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useListParams } from '../../../lib/use-list-params';
import { NEWSLETTER_STATUSES, STATUS_COLOR, useNewsletters, type Newsletter } from '../api/list-newsletters';

const COLUMNS: readonly Column<Newsletter>[] = [
  { key: 'subject', header: 'Subject', sortKey: 'subject', cell: (row) => row.subject },
  {
    key: 'status',
    header: 'Status',
    sortKey: 'status',
    cell: (row) => (
      <Badge variant="light" color={STATUS_COLOR[row.status]}>
        {row.status}
      </Badge>
    ),
  },
  {
    key: 'audience',
    header: 'Recipients',
    cell: (row) => (row.status === 'draft' ? '—' : formatNumber(row.audience_count)),
    hiddenOnMobile: true,
  },
  {
    key: 'when',
    header: 'Sent / scheduled',
    sortKey: 'send_at',
    cell: (row) => formatDateTime(row.started_at ?? row.send_at),
    hiddenOnMobile: true,
  },
  { key: 'created_at', header: 'Created', sortKey: 'created_at', cell: (row) => formatDateTime(row.created_at) },
];

export function NewslettersPage() {
  const params = useListParams(['status', 'q'] as const, { sortBy: 'created_at', sortOrder: 'desc' });
  const newsletters = useNewsletters(params.query);
  const { canWrite } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Newsletters"
        actions={
          canWrite && (
            <Button component={Link} to="/newsletters/new">
              New newsletter
            </Button>
          )
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={[...NEWSLETTER_STATUSES]}
          value={params.filters.status || null}
          onChange={(status) => params.setFilters({ status: status ?? '' })}
          w={180}
        />
        <DebouncedInput label="Subject" value={params.filters.q} onCommit={(q) => params.setFilters({ q })} />
      </Group>
      <QueryState query={newsletters}>
        {(data) => (
          <DataTable
            caption="Newsletters"
            page={data}
            columns={COLUMNS}
            params={params}
            onOpen={(row) => void navigate(`/newsletters/${row.id}`)}
            emptyTitle="No newsletters yet"
          />
        )}
      </QueryState>
    </>
  );
}
