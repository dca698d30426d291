import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addressHash, addressKey } from '../../http/addresses';
import { dialectOf, type Dialect } from '../dialect';
import { bindNamed } from '../named-parameters';
import { columnTypes } from './column-types';
import { rebuildSqliteTable } from './sqlite-rebuild';

const BATCH = 1000;
const TOKEN_PURPOSES = ['confirm', 'manage', 'unsubscribe', 'change_email', 'approve_change'];

interface SubscriberIdentity {
  id: number;
  email: string;
  status: string;
  confirmed_at: Date | string | null;
  unsubscribed_at: Date | string | null;
}

/** When a row's owner last decided (confirmed or unsubscribed); pending rows decided nothing. */
function decidedAt(row: SubscriberIdentity): number {
  const times = [row.confirmed_at, row.unsubscribed_at]
    .filter((t): t is Date | string => t !== null)
    .map((t) => (t instanceof Date ? t.getTime() : new Date(`${t.replace(' ', 'T')}Z`).getTime()));
  return times.length > 0 ? Math.max(...times) : -Infinity;
}

/**
 * Subscribers are one per mailbox, not one per spelling:
 * - `email_key` (the case-folded address, punycode domain) is unique; `email` keeps the form typed, for display.
 *   Rows that were case variants of one address are merged: the row whose owner decided last (confirmed or
 *   unsubscribed most recently) is kept, the lowest id when none decided or on a tie; the others' delivery history
 *   moves to it where it does not repeat a newsletter, and the rest (their tokens) goes.
 * - The mail budget moves to `mail_budgets`, keyed by a hash of the recipient address, so every route and row that
 *   mails one mailbox draws on one budget.
 * - Outbox jobs and contact submissions carry `person_hash`, the hash of the address they are about, so erasure can
 *   find them all.
 * - Token payloads become JSON (a confirmation carries the details of the request it confirms), and an address change
 *   gains its first step, `approve_change`, mailed to the old address.
 */
export class SubscriberIdentity1733000000000 implements MigrationInterface {
  name = 'SubscriberIdentity1733000000000';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.connection);
    const q = (sql: string, params: Record<string, unknown> = {}) =>
      runner.query(...bindNamed(sql, params, dialect)) as Promise<Record<string, unknown>[]>;
    const { timestamp } = columnTypes(runner);

    // Budgets first: they are combined per mailbox from every spelling, before the merge removes spellings.
    await q(`CREATE TABLE mail_budgets (
      address_hash char(64) NOT NULL,
      last_mail_at ${timestamp},
      window_started_at ${timestamp} NOT NULL,
      window_count integer NOT NULL,
      CONSTRAINT pk_mail_budgets PRIMARY KEY (address_hash)
    )`);
    await this.moveBudgets(q);

    await q('ALTER TABLE subscribers ADD COLUMN email_key varchar(254)');
    await this.fill(runner, dialect, 'subscribers', 'email', 'email_key', addressKey);
    await this.mergeVariants(q);
    await q('CREATE UNIQUE INDEX uq_subscribers_email_key ON subscribers (email_key)');
    for (const column of ['last_mail_at', 'mail_window_start', 'mail_window_count'])
      await q(`ALTER TABLE subscribers DROP COLUMN ${column}`);

    await q('ALTER TABLE outbox_jobs ADD COLUMN person_hash char(64)');
    await this.fillOutbox(q);
    await q('CREATE INDEX ix_outbox_jobs_person ON outbox_jobs (person_hash)');
    await q('ALTER TABLE contact_submissions ADD COLUMN person_hash char(64)');
    await this.fill(runner, dialect, 'contact_submissions', 'email', 'person_hash', addressHash);
    await q('CREATE INDEX ix_contact_submissions_person ON contact_submissions (person_hash)');

    const purposes = `CHECK (purpose IN (${TOKEN_PURPOSES.map((p) => `'${p}'`).join(', ')}))`;
    if (dialect === 'postgres') {
      await q('ALTER TABLE subscriber_tokens ALTER COLUMN payload TYPE text');
      await q('ALTER TABLE subscriber_tokens DROP CONSTRAINT ck_subscriber_tokens_purpose');
      await q(`ALTER TABLE subscriber_tokens ADD CONSTRAINT ck_subscriber_tokens_purpose ${purposes}`);
    } else {
      await rebuildSqliteTable(runner, 'subscriber_tokens', (sql) =>
        sql
          .replace(/payload varchar\(254\)/, 'payload text')
          .replace(
            /CONSTRAINT ck_subscriber_tokens_purpose CHECK \([^)]*\)\)/,
            `CONSTRAINT ck_subscriber_tokens_purpose ${purposes}`,
          ),
      );
    }
    // A pending address change named its target in plain text; now every payload is JSON.
    for (const row of await q("SELECT id, payload FROM subscriber_tokens WHERE purpose = 'change_email'")) {
      const email = String(row.payload);
      await q('UPDATE subscriber_tokens SET payload = :payload WHERE id = :id', {
        id: row.id,
        payload: JSON.stringify({ email, key: addressKey(email) }),
      });
    }
  }

  /** Sets `target` from `source` for every row, a batch per statement. */
  private async fill(
    runner: QueryRunner,
    dialect: Dialect,
    table: string,
    source: string,
    target: string,
    derive: (value: string) => string,
  ): Promise<void> {
    for (let after = 0; ;) {
      const [select, selectValues] = bindNamed(
        `SELECT id, ${source} AS value FROM ${table} WHERE id > :after ORDER BY id LIMIT ${BATCH}`,
        { after },
        dialect,
      );
      const rows = (await runner.query(select, selectValues)) as { id: number | string; value: string }[];
      if (rows.length === 0) return;
      const params: Record<string, unknown> = {};
      const values = rows.map((row, i) => {
        params[`i${i}`] = Number(row.id);
        params[`v${i}`] = derive(row.value);
        return `(CAST(:i${i} AS bigint), CAST(:v${i} AS varchar(254)))`;
      });
      await runner.query(
        ...bindNamed(
          `WITH v (id, value) AS (VALUES ${values.join(', ')})
           UPDATE ${table} SET ${target} = v.value FROM v WHERE ${table}.id = v.id`,
          params,
          dialect,
        ),
      );
      after = Number(rows[rows.length - 1].id);
    }
  }

  private async mergeVariants(q: (sql: string, p?: Record<string, unknown>) => Promise<Record<string, unknown>[]>) {
    const groups = await q('SELECT email_key FROM subscribers GROUP BY email_key HAVING COUNT(*) > 1');
    for (const { email_key: key } of groups) {
      const rows = (await q(
        'SELECT id, email, status, confirmed_at, unsubscribed_at FROM subscribers WHERE email_key = :key ORDER BY id',
        { key },
      )) as unknown as SubscriberIdentity[];
      const keep = rows.reduce((best, row) => (decidedAt(row) > decidedAt(best) ? row : best));
      for (const row of rows) {
        if (row.id === keep.id) continue;
        await q(
          `UPDATE deliveries SET subscriber_id = :keep WHERE subscriber_id = :id
             AND newsletter_id NOT IN (SELECT newsletter_id FROM deliveries WHERE subscriber_id = :keep)`,
          { keep: keep.id, id: row.id },
        );
        await q('DELETE FROM subscribers WHERE id = :id', { id: row.id });
      }
    }
  }

  /** One budget per mailbox: the variants' windows are combined (the most mails counted, the latest mail kept). */
  private async moveBudgets(q: (sql: string, p?: Record<string, unknown>) => Promise<Record<string, unknown>[]>) {
    const rows = await q(
      'SELECT email, last_mail_at, mail_window_start, mail_window_count FROM subscribers WHERE mail_window_start IS NOT NULL',
    );
    const budgets = new Map<string, { last: unknown; start: unknown; count: number }>();
    for (const row of rows) {
      const hash = addressHash(String(row.email));
      const seen = budgets.get(hash);
      const count = Number(row.mail_window_count);
      if (!seen || count > seen.count)
        budgets.set(hash, { last: row.last_mail_at, start: row.mail_window_start, count });
    }
    for (const [hash, budget] of budgets) {
      await q(
        `INSERT INTO mail_budgets (address_hash, last_mail_at, window_started_at, window_count)
         VALUES (:hash, :last, :start, :count)`,
        { hash, last: budget.last ?? null, start: budget.start, count: budget.count },
      );
    }
  }

  /** Subscriber mails are about their recipient; a contact notification is about the visitor who wrote. */
  private async fillOutbox(q: (sql: string, p?: Record<string, unknown>) => Promise<Record<string, unknown>[]>) {
    for (let after = 0; ;) {
      const rows = await q(`SELECT id, kind, payload FROM outbox_jobs WHERE id > :after ORDER BY id LIMIT ${BATCH}`, {
        after,
      });
      if (rows.length === 0) return;
      for (const row of rows) {
        const message = JSON.parse(String(row.payload)) as { to?: string[]; replyTo?: { address?: string } };
        const person = row.kind === 'contact.notification' ? message.replyTo?.address : message.to?.[0];
        if (person)
          await q('UPDATE outbox_jobs SET person_hash = :hash WHERE id = :id', {
            id: row.id,
            hash: addressHash(person),
          });
      }
      after = Number(rows[rows.length - 1].id);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.connection);
    const q = (sql: string) => runner.query(sql);
    const { timestamp } = columnTypes(runner);
    if (dialect === 'postgres') {
      await q("DELETE FROM subscriber_tokens WHERE purpose = 'approve_change'");
      await q('ALTER TABLE subscriber_tokens DROP CONSTRAINT ck_subscriber_tokens_purpose');
      await q(
        "ALTER TABLE subscriber_tokens ADD CONSTRAINT ck_subscriber_tokens_purpose CHECK (purpose IN ('confirm', 'manage', 'unsubscribe', 'change_email'))",
      );
    }
    await q('DROP INDEX ix_contact_submissions_person');
    await q('ALTER TABLE contact_submissions DROP COLUMN person_hash');
    await q('DROP INDEX ix_outbox_jobs_person');
    await q('ALTER TABLE outbox_jobs DROP COLUMN person_hash');
    await q(`ALTER TABLE subscribers ADD COLUMN last_mail_at ${timestamp}`);
    await q(`ALTER TABLE subscribers ADD COLUMN mail_window_start ${timestamp}`);
    await q('ALTER TABLE subscribers ADD COLUMN mail_window_count integer NOT NULL DEFAULT 0');
    await q('DROP TABLE mail_budgets');
    await q('DROP INDEX uq_subscribers_email_key');
    await q('ALTER TABLE subscribers DROP COLUMN email_key');
  }
}
