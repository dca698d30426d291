import { Injectable } from '@nestjs/common';
import { DatabaseService, OutboxRepository, SqlFilter, type MailMessage, type Tx } from '@mailroom/platform';
import type { SubscriberListQueryDto } from './dto/subscriber-list-query.dto';
import type { SubscriberStatus } from './entities/subscriber.entity';
import type { TokenPurpose } from './subscriber-tokens';

export interface SubscriberRow {
  id: number;
  email: string;
  name: string | null;
  metadata: string | null;
  source: string | null;
  status: SubscriberStatus;
  subscribed_at: Date | null;
  subscribe_ip: string | null;
  subscribe_user_agent: string | null;
  confirmed_at: Date | null;
  confirm_ip: string | null;
  confirm_user_agent: string | null;
  unsubscribed_at: Date | null;
  unsubscribe_ip: string | null;
  unsubscribe_reason: string | null;
  last_mail_at: number | null;
  mail_window_start: number | null;
  mail_window_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface TokenRow {
  id: number;
  subscriber_id: number;
  purpose: TokenPurpose;
  payload: string | null;
  expires_at: Date | null;
  used_at: Date | null;
}

/** Columns a service may change; anything else is never written from a request. */
export type SubscriberChanges = Partial<
  Pick<
    SubscriberRow,
    | 'email'
    | 'name'
    | 'metadata'
    | 'source'
    | 'status'
    | 'subscribe_ip'
    | 'subscribe_user_agent'
    | 'confirm_ip'
    | 'confirm_user_agent'
    | 'unsubscribe_ip'
    | 'unsubscribe_reason'
    | 'last_mail_at'
    | 'mail_window_start'
    | 'mail_window_count'
  > & { subscribed_at: Date | null; confirmed_at: Date | null; unsubscribed_at: Date | null }
>;

const ms = (value: unknown) => (value instanceof Date ? value.getTime() : null);

function subscriberFrom(row: Record<string, unknown>): SubscriberRow {
  return {
    ...(row as unknown as SubscriberRow),
    last_mail_at: ms(row.last_mail_at),
    mail_window_start: ms(row.mail_window_start),
  };
}

/** Every query on subscribers, their tokens and suppressions. Callers pass the transaction they work in. */
@Injectable()
export class SubscriberRepository {
  constructor(
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Creates the subscriber if the address is new; either way returns it locked for this transaction. */
  async lockOrCreate(
    tx: Tx,
    email: string,
    values: { name: string | null; metadata: string | null; source: string | null },
  ): Promise<{ subscriber: SubscriberRow; created: boolean }> {
    const now = new Date();
    const inserted = await tx.query(
      `INSERT INTO subscribers (email, name, metadata, source, status, created_at, updated_at)
       VALUES (:email, :name, :metadata, :source, 'pending', :now, :now)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      { email, ...values, now },
    );
    const subscriber = await this.findByEmail(tx, email, true);
    if (!subscriber) throw new Error('Subscriber vanished inside its own transaction');
    return { subscriber, created: inserted.length > 0 };
  }

  async findByEmail(tx: Tx, email: string, lock = false): Promise<SubscriberRow | undefined> {
    const [row] = await tx.query(`SELECT * FROM subscribers WHERE email = :email ${this.lockClause(lock)}`, { email });
    return row ? subscriberFrom(row) : undefined;
  }

  /** Subscribers by address, for a batch of rows (the CSV import). */
  async findManyByEmail(tx: Tx, emails: string[]): Promise<Map<string, SubscriberRow>> {
    if (emails.length === 0) return new Map();
    const rows = await tx.query('SELECT * FROM subscribers WHERE email IN (:...emails)', { emails });
    return new Map(rows.map((row) => [String(row.email), subscriberFrom(row)]));
  }

  /** Which of these address hashes are on the suppression list. */
  async suppressedAmong(tx: Tx, emailHashes: string[]): Promise<Set<string>> {
    if (emailHashes.length === 0) return new Set();
    const rows = await tx.query('SELECT email_hash FROM suppressions WHERE email_hash IN (:...emailHashes)', {
      emailHashes,
    });
    return new Set(rows.map((row) => String(row.email_hash)));
  }

  async findById(tx: Tx, id: number, lock = false): Promise<SubscriberRow | undefined> {
    const [row] = await tx.query(`SELECT * FROM subscribers WHERE id = :id ${this.lockClause(lock)}`, { id });
    return row ? subscriberFrom(row) : undefined;
  }

  async update(tx: Tx, id: number, changes: SubscriberChanges): Promise<void> {
    const params: Record<string, unknown> = { id, updated_at: new Date() };
    for (const [column, value] of Object.entries(changes)) {
      // The mail budget still counts in milliseconds (it moves out of this table next).
      params[column] =
        (column === 'last_mail_at' || column === 'mail_window_start') && typeof value === 'number'
          ? new Date(value)
          : value;
    }
    const assignments = Object.keys(params)
      .filter((column) => column !== 'id')
      .map((column) => `${column} = :${column}`);
    await tx.query(`UPDATE subscribers SET ${assignments.join(', ')} WHERE id = :id`, params);
  }

  async delete(tx: Tx, id: number): Promise<void> {
    await tx.query('DELETE FROM subscriber_tokens WHERE subscriber_id = :id', { id });
    // Delivery rows stay (a newsletter's counts must add up) without the address; nothing more is sent to them.
    await tx.query(
      `UPDATE deliveries SET status = CASE WHEN status = 'pending' THEN 'skipped' ELSE status END, email = '(erased)'
       WHERE subscriber_id = :id`,
      { id },
    );
    await tx.query('DELETE FROM subscribers WHERE id = :id', { id });
  }

  async insertToken(
    tx: Tx,
    token: { subscriberId: number; purpose: TokenPurpose; hash: string; expiresAt: Date | null; payload?: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO subscriber_tokens (subscriber_id, purpose, token_hash, payload, expires_at, created_at)
       VALUES (:subscriberId, :purpose, :hash, :payload, :expiresAt, :now)`,
      { ...token, payload: token.payload ?? null, now: new Date() },
    );
  }

  async findToken(tx: Tx, hash: string): Promise<TokenRow | undefined> {
    const [row] = await tx.query<TokenRow>(
      'SELECT id, subscriber_id, purpose, payload, expires_at, used_at FROM subscriber_tokens WHERE token_hash = :hash',
      { hash },
    );
    return row;
  }

  async markTokenUsed(tx: Tx, id: number): Promise<void> {
    await tx.query('UPDATE subscriber_tokens SET used_at = :now WHERE id = :id', { id, now: new Date() });
  }

  async isSuppressed(tx: Tx, emailHash: string): Promise<boolean> {
    const rows = await tx.query('SELECT id FROM suppressions WHERE email_hash = :emailHash', { emailHash });
    return rows.length > 0;
  }

  async suppress(tx: Tx, emailHash: string, reason: string): Promise<void> {
    await tx.query(
      'INSERT INTO suppressions (email_hash, reason, created_at) VALUES (:emailHash, :reason, :now) ON CONFLICT (email_hash) DO NOTHING',
      { emailHash, reason, now: new Date() },
    );
  }

  async unsuppress(tx: Tx, emailHash: string): Promise<void> {
    await tx.query('DELETE FROM suppressions WHERE email_hash = :emailHash', { emailHash });
  }

  async enqueueMail(tx: Tx, kind: string, message: MailMessage): Promise<void> {
    await this.outbox.enqueue(tx, kind, message);
  }

  /** Admin list: filters and an allow-listed sort (checked by SubscriberListQueryDto). */
  async list(query: SubscriberListQueryDto): Promise<{ rows: SubscriberRow[]; total: number; exact: boolean }> {
    const { where, params } = this.filter(query);
    const direction = query.sort_order === 'asc' ? 'ASC' : 'DESC';
    const [rows, { total, exact }] = await Promise.all([
      this.db.query(
        `SELECT * FROM subscribers ${where} ORDER BY ${query.sort_by} ${direction}, id ${direction} LIMIT :limit OFFSET :offset`,
        { ...params, limit: query.per_page, offset: (query.page - 1) * query.per_page },
      ),
      this.db.countMatching('subscribers', where, params),
    ]);
    return { rows: rows.map(subscriberFrom), total, exact };
  }

  /** The filtered subscribers in id order, in batches read by keyset (deep OFFSETs would make export quadratic). */
  async *stream(query: SubscriberListQueryDto, batchSize = 1000): AsyncGenerator<SubscriberRow[]> {
    const { where, params } = this.filter(query);
    let after = 0;
    for (;;) {
      const batch = await this.db.query(
        `SELECT * FROM subscribers ${where ? `${where} AND` : 'WHERE'} id > :after ORDER BY id LIMIT :limit`,
        { ...params, after, limit: batchSize },
      );
      yield batch.map(subscriberFrom);
      if (batch.length < batchSize) return;
      after = Number(batch[batch.length - 1].id);
    }
  }

  private filter(query: SubscriberListQueryDto) {
    return new SqlFilter(this.db)
      .equals('status', query.status)
      .dateRange('created_at', query.date_from, query.date_to)
      .search(['email', 'name'], query.q, 'subscriber_search');
  }

  private lockClause(lock: boolean): string {
    // Serialises concurrent requests about one address (a no-op on SQLite, whose writes are serialised already).
    return lock ? this.db.sql.forUpdate() : '';
  }
}
