import { z } from 'zod';
import { ValidationFailed, containsPattern, type SqlDialect } from '@mailroom/platform';

/**
 * Who of the confirmed subscribers a newsletter goes to: every condition (`match: all`) or any of them (`any`).
 * Conditions look at the site's own `metadata` fields, `source`, when someone subscribed, and which newsletters
 * they were sent. Compiled to bound SQL (nothing from the filter is ever spliced into the statement) that runs on both
 * databases: json_extract on SQLite, jsonb on PostgreSQL.
 */
const text = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
/** Metadata keys as sites name them: letters, digits, `_`, `-`, `.`; a bounded set, so no quoting games in JSON paths. */
const metadataKey = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may use letters, digits, _ - and . only');

const condition = z.discriminatedUnion('field', [
  z.object({
    field: z.literal('metadata'),
    key: metadataKey,
    op: z.enum(['equals', 'not_equals', 'contains', 'exists']),
    value: text.optional(),
  }),
  z.object({ field: z.literal('source'), op: z.enum(['equals', 'not_equals', 'contains']), value: text }),
  z.object({
    field: z.literal('subscribed'),
    op: z.enum(['before', 'after']),
    value: z.iso.datetime({ offset: true }),
  }),
  z.object({
    field: z.literal('newsletter'),
    op: z.enum(['received', 'not_received']),
    newsletter_id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  }),
]);

export const MAX_CONDITIONS = 20;

export const audienceFilterSchema = z
  .object({
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(condition).max(MAX_CONDITIONS, `at most ${MAX_CONDITIONS} conditions`),
  })
  .strict();

export type AudienceFilter = z.infer<typeof audienceFilterSchema>;
type Condition = AudienceFilter['conditions'][number];

/** The filter as the API took it, checked: problems are named by their path (`audience.conditions.0.value`). */
export function parseAudienceFilter(input: unknown, field = 'audience'): AudienceFilter {
  const parsed = audienceFilterSchema.safeParse(input);
  if (parsed.success) {
    const missing = parsed.data.conditions.findIndex(
      (c) => c.field === 'metadata' && c.op !== 'exists' && c.value === undefined,
    );
    if (missing >= 0) throw new ValidationFailed({ [`${field}.conditions.${missing}.value`]: 'is required' });
    return parsed.data;
  }
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = [field, ...issue.path.map(String)].join('.');
    problems[path] ??= issue.message;
  }
  throw new ValidationFailed(problems);
}

export interface CompiledFilter {
  /** A condition on `subscribers` (aliased as the table itself), or '' for everyone. */
  readonly where: string;
  readonly params: Record<string, unknown>;
}

/** The filter as SQL on `subscribers`, with its values bound under names starting `af`. */
export function compileAudienceFilter(filter: AudienceFilter | null, sql: SqlDialect): CompiledFilter {
  if (!filter || filter.conditions.length === 0) return { where: '', params: {} };
  const params: Record<string, unknown> = {};
  const parts = filter.conditions.map((c, i) => compileCondition(c, `af${i}`, params, sql));
  return { where: `(${parts.join(filter.match === 'all' ? ' AND ' : ' OR ')})`, params };
}

function compileCondition(c: Condition, name: string, params: Record<string, unknown>, sql: SqlDialect): string {
  switch (c.field) {
    case 'metadata': {
      params[`${name}k`] = sql.jsonKeyParam(c.key);
      const value = sql.jsonText('subscribers.metadata', `${name}k`);
      if (c.op === 'exists') return `${value} IS NOT NULL`;
      return compare(value, c.op, c.value!, name, params, sql);
    }
    case 'source':
      return compare('subscribers.source', c.op, c.value, name, params, sql);
    case 'subscribed':
      params[name] = new Date(c.value);
      return `COALESCE(subscribers.subscribed_at, subscribers.created_at) ${c.op === 'before' ? '<' : '>='} :${name}`;
    case 'newsletter': {
      params[name] = c.newsletter_id;
      const received = `EXISTS (SELECT 1 FROM deliveries d WHERE d.subscriber_id = subscribers.id
        AND d.newsletter_id = :${name} AND d.status = 'sent')`;
      return c.op === 'received' ? received : `NOT ${received}`;
    }
  }
}

function compare(
  column: string,
  op: 'equals' | 'not_equals' | 'contains',
  value: string,
  name: string,
  params: Record<string, unknown>,
  sql: SqlDialect,
): string {
  if (op === 'contains') {
    params[name] = containsPattern(value);
    return sql.contains([column], name);
  }
  params[name] = value;
  // "Not equals" includes the people who have no value at all.
  return op === 'equals' ? `${column} = :${name}` : `(${column} IS NULL OR ${column} <> :${name})`;
}
