import { Code, Paper, SimpleGrid } from '@mantine/core';
import { DataTable, type Column } from '../../../components/data-table';
import { DateRangeInputs } from '../../../components/date-range-inputs';
import { DebouncedInput } from '../../../components/debounced-input';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { formatDateTime } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { useAudit, type AuditEntry } from '../api/list-audit';

const COLUMNS: readonly Column<AuditEntry>[] = [
  { key: 'created_at', header: 'When', sortKey: 'created_at', cell: (row) => formatDateTime(row.created_at) },
  { key: 'actor', header: 'Who', sortKey: 'actor', cell: (row) => row.actor ?? '—' },
  { key: 'action', header: 'Action', sortKey: 'action', cell: (row) => <Code>{row.action}</Code> },
  { key: 'target', header: 'Target', cell: (row) => row.target ?? '—', hiddenOnMobile: true },
  {
    key: 'details',
    header: 'Details',
    cell: (row) => (row.details ? JSON.stringify(row.details) : '—'),
    hiddenOnMobile: true,
  },
  { key: 'ip', header: 'From', cell: (row) => row.ip ?? '—', hiddenOnMobile: true },
];

export function AuditPage() {
  const params = useListParams(['action', 'actor', 'date_from', 'date_to'] as const, {
    sortBy: 'created_at',
    sortOrder: 'desc',
  });
  const audit = useAudit(params.query);
  return (
    <>
      <PageHeader title="Audit log" />
      <Paper withBorder p="sm" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
          <DebouncedInput
            label="Action"
            placeholder="e.g. login_failed"
            value={params.filters.action}
            onCommit={(action) => params.setFilters({ action })}
          />
          <DebouncedInput
            label="Who"
            placeholder="Username"
            value={params.filters.actor}
            onCommit={(actor) => params.setFilters({ actor })}
          />
          <DateRangeInputs from={params.filters.date_from} to={params.filters.date_to} onChange={params.setFilters} />
        </SimpleGrid>
      </Paper>
      <QueryState query={audit}>
        {(data) => (
          <DataTable caption="Audit log" page={data} columns={COLUMNS} params={params} emptyTitle="No entries match" />
        )}
      </QueryState>
    </>
  );
}
