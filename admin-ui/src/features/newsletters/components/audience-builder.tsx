import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, describeError } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useAudienceSize, type AudienceFilter } from '../api/audience-size';

type Field = 'metadata' | 'source' | 'subscribed' | 'newsletter';
/** One condition as the builder edits it (the API's shape, every part optional while it is being filled in). */
export interface Condition {
  field: Field;
  key?: string;
  op: string;
  value?: string;
  newsletter_id?: number;
}
export interface Audience {
  match: 'all' | 'any';
  conditions: Condition[];
}

const FIELDS = [
  { value: 'metadata', label: 'Field from your site' },
  { value: 'source', label: 'Source' },
  { value: 'subscribed', label: 'Subscribed' },
  { value: 'newsletter', label: 'Newsletter' },
];
const OPS: Record<Field, { value: string; label: string }[]> = {
  metadata: [
    { value: 'equals', label: 'is' },
    { value: 'not_equals', label: 'is not' },
    { value: 'contains', label: 'contains' },
    { value: 'exists', label: 'is set' },
  ],
  source: [
    { value: 'equals', label: 'is' },
    { value: 'not_equals', label: 'is not' },
    { value: 'contains', label: 'contains' },
  ],
  subscribed: [
    { value: 'before', label: 'before' },
    { value: 'after', label: 'on or after' },
  ],
  newsletter: [
    { value: 'received', label: 'was sent' },
    { value: 'not_received', label: 'was not sent' },
  ],
};

const blank = (field: Field): Condition => ({ field, op: OPS[field][0].value });

/** The filter the API takes: dates from the picker with this browser's zone. */
export function toFilter(audience: Audience | null): AudienceFilter | null {
  if (!audience) return null;
  return {
    match: audience.match,
    conditions: audience.conditions.map((c) =>
      c.field === 'subscribed' && c.value ? { ...c, value: new Date(c.value).toISOString() } : c,
    ),
  };
}

function useSentNewsletters() {
  return useQuery({
    queryKey: ['newsletters', 'sent-for-audience'],
    queryFn: () =>
      apiRequest<Schema<'NewsletterPageDto'>>('/admin/api/newsletters', { query: { status: 'sent', per_page: 100 } }),
  });
}

function ConditionRow({
  condition,
  index,
  onChange,
  onRemove,
}: {
  condition: Condition;
  index: number;
  onChange: (next: Condition) => void;
  onRemove: () => void;
}) {
  const sent = useSentNewsletters();
  const n = index + 1;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={`Condition ${n}`}
        data={FIELDS}
        value={condition.field}
        allowDeselect={false}
        onChange={(field) => field && onChange(blank(field as Field))}
        w={190}
      />
      {condition.field === 'metadata' && (
        <TextInput
          label={`Field name ${n}`}
          placeholder="plan"
          value={condition.key ?? ''}
          onChange={(event) => onChange({ ...condition, key: event.currentTarget.value })}
          w={130}
        />
      )}
      <Select
        label={`Operator ${n}`}
        data={OPS[condition.field]}
        value={condition.op}
        allowDeselect={false}
        onChange={(op) => op && onChange({ ...condition, op })}
        w={140}
      />
      {condition.field === 'newsletter' ? (
        <Select
          label={`Newsletter ${n}`}
          data={(sent.data?.items ?? []).map((item) => ({ value: String(item.id), label: item.subject }))}
          value={condition.newsletter_id ? String(condition.newsletter_id) : null}
          onChange={(id) => onChange({ ...condition, newsletter_id: id ? Number(id) : undefined })}
          w={220}
        />
      ) : (
        condition.op !== 'exists' && (
          <TextInput
            label={`Value ${n}`}
            type={condition.field === 'subscribed' ? 'datetime-local' : 'text'}
            value={condition.value ?? ''}
            onChange={(event) => onChange({ ...condition, value: event.currentTarget.value })}
            w={200}
          />
        )
      )}
      <ActionIcon variant="subtle" color="red" aria-label={`Remove condition ${n}`} onClick={onRemove} mb={4}>
        ×
      </ActionIcon>
    </Group>
  );
}

/** Who a newsletter goes to, built without typing a query, with a live count of whom it reaches. */
export function AudienceBuilder({
  value,
  onChange,
}: {
  value: Audience | null;
  onChange: (next: Audience | null) => void;
}) {
  const [settled] = useDebouncedValue(JSON.stringify(toFilter(value)), 400);
  const size = useAudienceSize(JSON.parse(settled) as AudienceFilter | null);
  const set = (conditions: Condition[]) => onChange({ match: value?.match ?? 'all', conditions });
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Select
          label="Audience"
          data={[
            { value: 'everyone', label: 'Every confirmed subscriber' },
            { value: 'all', label: 'Confirmed subscribers matching every condition' },
            { value: 'any', label: 'Confirmed subscribers matching any condition' },
          ]}
          value={value ? value.match : 'everyone'}
          allowDeselect={false}
          onChange={(choice) =>
            onChange(
              choice === 'everyone' || !choice
                ? null
                : {
                    match: choice,
                    conditions: value?.conditions.length ? value.conditions : [blank('metadata')],
                  },
            )
          }
        />
        {value?.conditions.map((condition, i) => (
          <ConditionRow
            key={i}
            index={i}
            condition={condition}
            onChange={(next) => set(value.conditions.map((c, k) => (k === i ? next : c)))}
            onRemove={() => set(value.conditions.filter((_, k) => k !== i))}
          />
        ))}
        {value && (
          <Button
            variant="default"
            size="xs"
            w="fit-content"
            onClick={() => set([...value.conditions, blank('metadata')])}
          >
            Add condition
          </Button>
        )}
        <Text size="sm" c={size.error ? 'red' : 'dimmed'} data-testid="audience-count" aria-live="polite">
          {size.error
            ? describeError(size.error)
            : size.data
              ? `Reaches ${formatNumber(size.data.count)} confirmed ${size.data.count === 1 ? 'subscriber' : 'subscribers'} now`
              : 'Counting…'}
        </Text>
      </Stack>
    </Paper>
  );
}

/** A stored filter as the builder edits it: dates back to the picker's local form. */
export function fromFilter(filter: unknown): Audience | null {
  if (!filter || typeof filter !== 'object') return null;
  const { match, conditions } = filter as Audience;
  const local = (iso: string) => {
    const date = new Date(iso);
    return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  };
  return {
    match,
    conditions: conditions.map((c) => (c.field === 'subscribed' && c.value ? { ...c, value: local(c.value) } : c)),
  };
}
