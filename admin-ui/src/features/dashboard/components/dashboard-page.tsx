import { AreaChart, BarChart } from '@mantine/charts';
import { Anchor, Badge, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, QueryState } from '../../../components/page-states';
import type { Schema } from '../../../lib/api-types';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useStats, type Stats } from '../api/get-stats';
import { useLatestSubmissions } from '../api/latest-submissions';

const RANGES = ['7', '30', '90', '365'];

function Stat({ label, value, hint, color }: { label: string; value: number; hint?: string; color?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={color}>
        {formatNumber(value)}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function sum(stats: Stats, key: 'submissions' | 'new_subscribers' | 'unsubscribes' | 'emails_sent' | 'emails_failed') {
  return stats.daily.reduce((total, day) => total + day[key], 0);
}

function Charts({ stats }: { stats: Stats }) {
  const data = stats.daily.map((day) => ({ ...day, date: day.date.slice(5) }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Paper withBorder p="md">
        <Title order={2} size="h5" mb="sm">
          Submissions and subscribers
        </Title>
        <AreaChart
          h={220}
          data={data}
          dataKey="date"
          curveType="monotone"
          withLegend
          series={[
            { name: 'submissions', label: 'Submissions', color: 'blue.6' },
            { name: 'new_subscribers', label: 'New subscribers', color: 'teal.6' },
            { name: 'unsubscribes', label: 'Unsubscribes', color: 'orange.6' },
          ]}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h5" mb="sm">
          Emails
        </Title>
        <BarChart
          h={220}
          data={data}
          dataKey="date"
          type="stacked"
          withLegend
          series={[
            { name: 'emails_sent', label: 'Sent', color: 'teal.6' },
            { name: 'emails_failed', label: 'Failed', color: 'red.6' },
          ]}
        />
      </Paper>
    </SimpleGrid>
  );
}

function LatestSubmissions() {
  const latest = useLatestSubmissions();
  return <QueryState query={latest}>{(data) => <LatestTable items={data.items} />}</QueryState>;
}

function LatestTable({ items }: { items: Schema<'ContactSubmissionViewDto'>[] }) {
  if (items.length === 0) return <EmptyState title="No submissions yet" />;
  return (
    <Table>
      <caption className="visually-hidden">Latest submissions</caption>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Anchor component={Link} to={`/submissions?open=${item.id}`} size="sm">
                {item.name}
              </Anchor>
            </Table.Td>
            <Table.Td visibleFrom="sm">{item.email}</Table.Td>
            <Table.Td>
              <Badge variant="light">{item.status}</Badge>
            </Table.Td>
            <Table.Td>{formatDateTime(item.created_at)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function DashboardPage() {
  const [search, setSearch] = useSearchParams();
  const days = RANGES.includes(search.get('days') ?? '') ? Number(search.get('days')) : 30;
  const stats = useStats(days);

  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={
          <SegmentedControl
            aria-label="Range"
            value={String(days)}
            onChange={(value) => setSearch({ days: value })}
            data={RANGES.map((value) => ({ value, label: `${value} days` }))}
          />
        }
      />
      <QueryState query={stats}>
        {(data) => (
          <Stack gap="md">
            <Charts stats={data} />
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
              <Stat
                label="Submissions"
                value={sum(data, 'submissions')}
                hint={`${formatNumber(data.totals.submissions)} in all`}
              />
              <Stat label="New subscribers" value={sum(data, 'new_subscribers')} />
              <Stat label="Unsubscribes" value={sum(data, 'unsubscribes')} />
              <Stat
                label="Confirmed"
                value={data.totals.subscribers.confirmed}
                hint={`${formatNumber(data.totals.subscribers.pending)} pending`}
              />
              <Stat label="Emails sent" value={sum(data, 'emails_sent')} />
              <Stat
                label="Emails failed"
                value={sum(data, 'emails_failed')}
                color={sum(data, 'emails_failed') > 0 ? 'red' : undefined}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Paper withBorder p="md">
                <Title order={2} size="h5" mb="sm">
                  Latest submissions
                </Title>
                <LatestSubmissions />
              </Paper>
              <Paper withBorder p="md">
                <Title order={2} size="h5" mb="sm">
                  Delivery health
                </Title>
                <Group grow>
                  <Stat label="Waiting in outbox" value={data.totals.emails.pending} />
                  <Stat
                    label="Failed (all time)"
                    value={data.totals.emails.failed}
                    color={data.totals.emails.failed > 0 ? 'red' : undefined}
                  />
                </Group>
                <Text size="xs" c="dimmed" mt="xs">
                  Emails waiting to be sent and those given up after retries. A growing outbox means SMTP is
                  unreachable.
                </Text>
              </Paper>
            </SimpleGrid>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
