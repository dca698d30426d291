import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import {
  AppConfig,
  AuditLog,
  isMailbox,
  OutboxNotifier,
  SINGLE_LINE,
  ValidationFailed,
  addressHash,
  addressKey,
  normaliseEmail,
  type AuditActor,
} from '@mailroom/platform';
import { SubscriberLinks } from './subscriber-links';
import { SubscriberMailer } from './subscriber-mailer';
import { SubscriberRepository, type SubscriberChanges, type SubscriberRow } from './subscriber.repository';
import { SubscriberTokens } from './subscriber-token.service';
import type { ConfirmPayload } from './subscription-requests';
import { SuppressionRepository } from './suppression.repository';

export const IMPORT_MAX_ROWS = 50_000;
/** Rows applied per write transaction, so a big import never holds SQLite's write lock for long. */
const CHUNK = 500;
/** Rows listed one by one in the report; the summary always counts all of them. */
const REPORTED_ROWS = 1000;

export type ImportAction = 'create' | 'update' | 'unchanged' | 'resubscribe' | 'skip';

export interface ImportRowReport {
  readonly row: number;
  readonly email: string;
  readonly action: ImportAction;
  readonly reason?: string;
}

export interface ImportRowError {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export interface ImportReport {
  readonly dry_run: boolean;
  readonly summary: Record<ImportAction | 'invalid', number> & { confirmations: number };
  /** Changed and skipped rows (unchanged ones are only counted), at most the first 1000. */
  readonly rows: ImportRowReport[];
  readonly errors: ImportRowError[];
}

interface ParsedRow {
  readonly row: number;
  readonly email: string;
  readonly name: string | null;
  readonly metadata: string | null;
}

interface PlannedRow extends ParsedRow {
  readonly action: ImportAction;
  readonly reason?: string;
  readonly existing?: SubscriberRow;
}

/**
 * Admin CSV import: an upsert keyed by email that first says what it would do. Someone who unsubscribed stays
 * unsubscribed unless the admin passes `resubscribe`; suppressed (bounced) addresses are always skipped; new people
 * get a confirmation email when double opt-in is on, since an admin's list is not their consent.
 */
@Injectable()
export class SubscriberImportService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly mailer: SubscriberMailer,
    private readonly tokens: SubscriberTokens,
    private readonly links: SubscriberLinks,
    private readonly config: AppConfig,
    private readonly outbox: OutboxNotifier,
    private readonly audit: AuditLog,
  ) {}

  async import(
    csv: string,
    options: { dryRun: boolean; resubscribe: boolean },
    actor: AuditActor,
  ): Promise<ImportReport> {
    const { rows, errors } = this.parse(csv);
    const plan = await this.plan(rows, options.resubscribe);
    const confirmations = options.dryRun ? this.countConfirmations(plan) : await this.apply(plan, actor);
    const summary = {
      create: 0,
      update: 0,
      unchanged: 0,
      resubscribe: 0,
      skip: 0,
      invalid: errors.length,
      confirmations,
    };
    for (const row of plan) summary[row.action] += 1;
    const report: ImportReport = {
      dry_run: options.dryRun,
      summary,
      rows: plan
        .filter((row) => row.action !== 'unchanged')
        .slice(0, REPORTED_ROWS)
        .map(({ row, email, action, reason }) => ({ row, email, action, ...(reason ? { reason } : {}) })),
      errors,
    };
    await this.audit.recordBy(actor, options.dryRun ? 'subscriber.import_dry_run' : 'subscriber.import', 'subscriber', {
      ...summary,
      resubscribe: options.resubscribe,
    });
    return report;
  }

  private parse(csv: string): { rows: ParsedRow[]; errors: ImportRowError[] } {
    let records: Record<string, string>[];
    try {
      records = parse(csv, {
        columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
        bom: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
        to: IMPORT_MAX_ROWS + 1,
      });
    } catch (error) {
      throw new ValidationFailed({ csv: `is not valid CSV: ${(error as Error).message.split('\n')[0]}` });
    }
    if (records.length === 0) throw new ValidationFailed({ csv: 'has no rows after the header' });
    if (!('email' in records[0])) throw new ValidationFailed({ csv: 'needs an "email" column in its header row' });
    if (records.length > IMPORT_MAX_ROWS)
      throw new ValidationFailed({ csv: `has more than ${IMPORT_MAX_ROWS} rows; split the file` });

    const rows: ParsedRow[] = [];
    const errors: ImportRowError[] = [];
    const seen = new Set<string>();
    records.forEach((record, index) => {
      const row = index + 2; // line 1 is the header
      const { email: rawEmail = '', name: rawName = '', ...rest } = record;
      const email = normaliseEmail(rawEmail);
      if (email.length > 254 || !isMailbox(email))
        return errors.push({ row, field: 'email', message: 'must be a single email address' });
      if (seen.has(addressKey(email)))
        return errors.push({ row, field: 'email', message: 'appears more than once in the file' });
      if (rawName.length > 200 || !SINGLE_LINE.test(rawName))
        return errors.push({ row, field: 'name', message: 'must be one line of at most 200 characters' });
      const extra = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== '' && value !== undefined));
      const metadata = Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
      if (metadata !== null && Buffer.byteLength(metadata) > 2048)
        return errors.push({ row, field: 'metadata', message: 'extra columns must fit in 2 KiB' });
      seen.add(addressKey(email));
      rows.push({ row, email, name: rawName === '' ? null : rawName, metadata });
    });
    return { rows, errors };
  }

  /** Decides each row's fate from the current data, in a few set-based reads. */
  private async plan(rows: ParsedRow[], resubscribe: boolean): Promise<PlannedRow[]> {
    const planned: PlannedRow[] = [];
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const [existing, suppressed] = await Promise.all([
        this.subscribers.findManyByAddress(chunk.map((row) => row.email)),
        this.suppressions.among(chunk.map((row) => addressHash(row.email))),
      ]);
      for (const row of chunk)
        planned.push(this.decide(row, existing.get(addressKey(row.email)), suppressed, resubscribe));
    }
    return planned;
  }

  private decide(
    row: ParsedRow,
    existing: SubscriberRow | undefined,
    suppressed: Set<string>,
    resubscribe: boolean,
  ): PlannedRow {
    if (suppressed.has(addressHash(row.email)))
      return { ...row, existing, action: 'skip', reason: 'address is suppressed after a hard bounce or complaint' };
    if (!existing) return { ...row, action: 'create' };
    if (existing.status === 'unsubscribed') {
      return resubscribe
        ? { ...row, existing, action: 'resubscribe' }
        : { ...row, existing, action: 'skip', reason: 'unsubscribed; import with resubscribe to include' };
    }
    const changed =
      (row.name !== null && row.name !== existing.name) ||
      (row.metadata !== null && row.metadata !== existing.metadata);
    return { ...row, existing, action: changed ? 'update' : 'unchanged' };
  }

  private countConfirmations(plan: PlannedRow[]): number {
    if (!this.config.newsletter.doubleOptIn) return 0;
    return plan.filter((row) => row.action === 'create' || row.action === 'resubscribe').length;
  }

  /** Writes the plan chunk by chunk; returns how many confirmation emails were queued. */
  private async apply(plan: PlannedRow[], actor: AuditActor): Promise<number> {
    const doubleOptIn = this.config.newsletter.doubleOptIn;
    const origin = { ip: actor.ip ?? '', user_agent: `import by ${actor.username}`, at: new Date().toISOString() };
    const consent: SubscriberChanges = {
      subscribed_at: new Date(origin.at),
      subscribe_ip: actor.ip,
      subscribe_user_agent: origin.user_agent,
    };
    let confirmations = 0;
    const writes = plan.filter(
      (row) => row.action === 'create' || row.action === 'update' || row.action === 'resubscribe',
    );
    for (let start = 0; start < writes.length; start += CHUNK) {
      await this.subscribers.transaction(async (tx) => {
        for (const row of writes.slice(start, start + CHUNK)) {
          const details: SubscriberChanges = {
            ...(row.name !== null ? { name: row.name } : {}),
            ...(row.metadata !== null ? { metadata: row.metadata } : {}),
          };
          if (row.action === 'update') {
            await this.subscribers.update(tx, row.existing!.id, details);
            continue;
          }
          const { subscriber } = await this.subscribers.lockOrCreate(tx, {
            email: row.email,
            name: row.name,
            metadata: row.metadata,
            source: 'import',
          });
          const resubscribed: SubscriberChanges =
            row.action === 'resubscribe'
              ? { unsubscribed_at: null, unsubscribe_reason: null, unsubscribe_ip: null, ...details }
              : {};
          if (doubleOptIn) {
            await this.subscribers.update(tx, subscriber.id, { ...consent, ...resubscribed, status: 'pending' });
            // The link carries the imported details, so confirming keeps them.
            const request: ConfirmPayload['request'] = {
              name: row.name ?? subscriber.name,
              metadata: row.metadata ?? subscriber.metadata,
              source: subscriber.source ?? 'import',
              ...origin,
            };
            const queued = await this.mailer.send(tx, subscriber.email, 'confirm', async () => ({
              url: this.links.confirm(await this.tokens.issue(tx, subscriber.id, 'confirm', { request })),
              subscriberId: subscriber.id,
            }));
            if (queued) confirmations += 1;
          } else {
            await this.subscribers.update(tx, subscriber.id, {
              ...consent,
              ...resubscribed,
              status: 'confirmed',
              confirmed_at: new Date(),
              confirm_ip: actor.ip,
              confirm_user_agent: `import by ${actor.username}`,
            });
          }
        }
      });
    }
    if (confirmations > 0) this.outbox.mailQueued();
    return confirmations;
  }
}
