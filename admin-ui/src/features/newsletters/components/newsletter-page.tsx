import { Alert, Badge, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { DataTable, type Column } from '../../../components/data-table';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { formatDateTime, formatDuration, formatNumber } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useListParams } from '../../../lib/use-list-params';
import { useNewsletter, type NewsletterDetail, type NewsletterProgress } from '../api/get-newsletter';
import { useDeliveries, type Delivery, type DeliveryListQuery } from '../api/list-deliveries';
import { STATUS_COLOR } from '../api/list-newsletters';
import { useProgressEvents } from '../api/progress-events';
import { ArchiveToggle } from './archive-toggle';
import { EmailPreview } from './email-preview';
import { SendControls } from './send-controls';
import { useSavedPreview } from '../api/saved-preview';

const DELIVERY_COLUMNS: readonly Column<Delivery>[] = [
  { key: 'email', header: 'Recipient', cell: (row) => row.email },
  { key: 'status', header: 'Status', cell: (row) => <Badge variant="light">{row.status}</Badge> },
  { key: 'attempts', header: 'Attempts', cell: (row) => row.attempts, hiddenOnMobile: true },
  { key: 'smtp_response', header: 'Server said', cell: (row) => row.smtp_response ?? '—', hiddenOnMobile: true },
  { key: 'finished_at', header: 'Finished', cell: (row) => formatDateTime(row.finished_at) },
];

function ProgressPanel({ progress }: { progress: NewsletterProgress }) {
  const { counts } = progress;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb={4}>
        <Text fw={600}>Delivery</Text>
        <Text size="sm" data-testid="progress-percent">
          {progress.percent}%
        </Text>
      </Group>
      <Progress
        value={progress.percent}
        size="lg"
        aria-label="Delivery progress"
        striped={progress.status === 'sending'}
        animated={progress.status === 'sending'}
      />
      <SimpleGrid cols={{ base: 2, sm: 5 }} mt="sm" spacing="xs">
        {(['sent', 'pending', 'failed', 'bounced', 'skipped'] as const).map((key) => (
          <div key={key}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {key}
            </Text>
            <Text fw={700} data-testid={`count-${key}`}>
              {formatNumber(counts[key])}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs">
        {formatNumber(progress.audience)} recipients
        {progress.rate_per_second !== null && ` · ${progress.rate_per_second.toFixed(1)} per second`}
        {progress.eta_seconds !== null && ` · about ${formatDuration(progress.eta_seconds)} left`}
      </Text>
    </Paper>
  );
}

function Deliveries({ newsletter, live }: { newsletter: NewsletterDetail; live: boolean }) {
  const params = useListParams(['status'] as const, { sortBy: 'id', sortOrder: 'asc', perPage: 20 });
  // Recipients come in send order; the endpoint takes no sort.
  const deliveries = useDeliveries(
    newsletter.id,
    {
      page: params.page,
      per_page: params.perPage,
      cursor: params.cursor,
      status: params.query.status as DeliveryListQuery['status'],
    },
    live,
  );
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          Recipients
        </Title>
        <Select
          aria-label="Delivery status"
          placeholder="Any status"
          clearable
          data={['pending', 'sent', 'failed', 'bounced', 'skipped']}
          value={params.filters.status || null}
          onChange={(status) => params.setFilters({ status: status ?? '' })}
          w={160}
        />
      </Group>
      <QueryState query={deliveries}>
        {(data) => (
          <DataTable
            caption="Recipients"
            page={data}
            columns={DELIVERY_COLUMNS}
            params={params}
            emptyTitle="No recipients"
          />
        )}
      </QueryState>
    </Paper>
  );
}

function SavedPreview({ id }: { id: number }) {
  const preview = useSavedPreview(id);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Email
      </Title>
      <EmailPreview rendered={preview.data} error={preview.error} />
    </Paper>
  );
}

function Details({ newsletter }: { newsletter: NewsletterDetail }) {
  const { canWrite } = useSession();
  const sending = newsletter.status === 'sending';
  const live = useProgressEvents(newsletter.id, sending);
  const progress = live ?? newsletter.progress;
  const started = newsletter.status !== 'draft' && newsletter.status !== 'scheduled';
  return (
    <Stack>
      <Group gap="sm">
        <Badge size="lg" color={STATUS_COLOR[progress.status]} data-testid="newsletter-status">
          {progress.status}
        </Badge>
        <Text size="sm" c="dimmed">
          {newsletter.status === 'scheduled' && `Sends ${formatDateTime(newsletter.send_at)} · `}
          {newsletter.started_at && `Started ${formatDateTime(newsletter.started_at)} · `}
          {newsletter.finished_at && `Finished ${formatDateTime(newsletter.finished_at)} · `}
          Created by {newsletter.created_by ?? 'unknown'}
        </Text>
      </Group>
      {newsletter.failure_reason && (
        <Alert color="red" title="This newsletter failed">
          {newsletter.failure_reason}
        </Alert>
      )}
      {canWrite && <SendControls newsletter={newsletter} />}
      <ArchiveToggle newsletter={newsletter} canWrite={canWrite} />
      {started && <ProgressPanel progress={progress} />}
      {started && <Deliveries newsletter={newsletter} live={sending} />}
      <SavedPreview id={newsletter.id} />
    </Stack>
  );
}

export function NewsletterPage() {
  const { id } = useParams();
  const newsletter = useNewsletter(Number(id));
  return (
    <QueryState query={newsletter}>
      {(data) => (
        <>
          <PageHeader title={data.subject} />
          <Details newsletter={data} />
        </>
      )}
    </QueryState>
  );
}
