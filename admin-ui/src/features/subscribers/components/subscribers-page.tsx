import { Badge, Button, Paper, Select, SimpleGrid } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { DataTable, type Column } from '../../../components/data-table';
import { DateRangeInputs } from '../../../components/date-range-inputs';
import { DebouncedInput } from '../../../components/debounced-input';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useListParams } from '../../../lib/use-list-params';
import { useOpenParam } from '../../../lib/use-open-param';
import {
  SUBSCRIBER_STATUSES,
  subscribersExportUrl,
  useSubscribers,
  type Subscriber,
  type SubscriberListQuery,
} from '../api/list-subscribers';
import { ImportDialog } from './import-dialog';
import { SubscriberDetail } from './subscriber-detail';

const FILTERS = ['q', 'status', 'date_from', 'date_to'] as const;
const STATUS_COLOR = { pending: 'yellow', confirmed: 'teal', unsubscribed: 'gray' } as const;

const COLUMNS: readonly Column<Subscriber>[] = [
  { key: 'email', header: 'Email', sortKey: 'email', cell: (row) => row.email },
  { key: 'name', header: 'Name', sortKey: 'name', cell: (row) => row.name ?? '—', hiddenOnMobile: true },
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
  { key: 'created_at', header: 'Joined', sortKey: 'created_at', cell: (row) => formatDateTime(row.created_at) },
];

export function SubscribersPage() {
  const params = useListParams(FILTERS, { sortBy: 'created_at', sortOrder: 'desc' });
  const query = params.query as SubscriberListQuery;
  const subscribers = useSubscribers(query);
  const { canWrite } = useSession();
  const [importing, importDialog] = useDisclosure();
  const [openId, setOpen] = useOpenParam();

  return (
    <>
      <PageHeader
        title="Subscribers"
        actions={
          <>
            {canWrite && <Button onClick={importDialog.open}>Import CSV</Button>}
            <Button component="a" href={subscribersExportUrl(query)} variant="default" download>
              Export CSV
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
          <DebouncedInput
            label="Search"
            placeholder="Address or name"
            value={params.filters.q}
            onCommit={(q) => params.setFilters({ q })}
          />
          <Select
            label="Status"
            placeholder="Any"
            clearable
            data={[...SUBSCRIBER_STATUSES]}
            value={params.filters.status || null}
            onChange={(status) => params.setFilters({ status: status ?? '' })}
          />
          <DateRangeInputs
            from={params.filters.date_from}
            to={params.filters.date_to}
            onChange={params.setFilters}
            labels={['Joined from', 'Joined until']}
          />
        </SimpleGrid>
      </Paper>
      <QueryState query={subscribers}>
        {(data) => (
          <DataTable
            caption="Newsletter subscribers"
            page={data}
            columns={COLUMNS}
            params={params}
            onOpen={(row) => setOpen(row.id)}
            emptyTitle="No subscribers match"
          />
        )}
      </QueryState>
      <SubscriberDetail id={openId} onClose={() => setOpen(undefined)} />
      <ImportDialog opened={importing} onClose={importDialog.close} />
    </>
  );
}
