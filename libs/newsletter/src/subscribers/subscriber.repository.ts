import { Injectable } from '@nestjs/common';
import {
  DatabaseService,
  SqlFilter,
  addressKey,
  listPage,
  type ListedRows,
  type Sql,
  type Tx,
} from '@mailroom/platform';
import type { SubscriberListQueryDto } from './dto/subscriber-list-query.dto';
import type { SubscriberToken } from './entities/subscriber-token.entity';
import { SUBSCRIBERS, type Subscriber } from './entities/subscriber.entity';
import type { TokenPurpose } from './subscriber-tokens';

/** A subscriber row is the entity. */
export type SubscriberRow = Subscriber;

export type TokenRow = Pick<SubscriberToken, 'id' | 'subscriber_id' | 'purpose' | 'payload' | 'expires_at' | 'used_at'>;

/** Columns a service may change; anything else is never written from a request. */
export type SubscriberChanges = Partial<
  Pick<
    SubscriberRow,
    | 'email'
    | 'name'
    | 'metadata'
    | 'source'
    | 'status'
    | 'subscribed_at'
    | 'subscribe_ip'
    | 'subscribe_user_agent'
    | 'confirmed_at'
    | 'confirm_ip'
    | 'confirm_user_agent'
    | 'unsubscribed_at'
    | 'unsubscribe_ip'
    | 'unsubscribe_reason'
  >
>;

export interface NewSubscriber {
  readonly email: string;
  readonly name?: string | null;
  readonly metadata?: string | null;
  readonly source?: string | null;
}

/** Every query on subscribers and their tokens. Writes take the transaction they belong to. */
@Injectable()
export class SubscriberRepository {
  constructor(private readonly db: DatabaseService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The subscriber this address reaches, created (pending, with `values`) if there is none; locked either way. */
  async lockOrCreate(tx: Tx, values: NewSubscriber): Promise<{ subscriber: SubscriberRow; created: boolean }> {
    const now = new Date();
    const inserted = await tx.query(
      `INSERT INTO subscribers (email, email_key, name, metadata, source, status, created_at, updated_at)
       VALUES (:email, :key, :name, :metadata, :source, 'pending', :now, :now)
       ON CONFLICT (email_key) DO NOTHING RETURNING id`,
      {
        email: values.email,
        key: addressKey(values.email),
        name: values.name ?? null,
        metadata: values.metadata ?? null,
        source: values.source ?? null,
        now,
      },
    );
    const subscriber = await this.lock(tx, values.email);
    if (!subscriber) throw new Error('Subscriber vanished inside its own transaction');
    return { subscriber, created: inserted.length > 0 };
  }

  /** The subscriber this address reaches, whatever its spelling. */
  async findByAddress(email: string, on: Sql = this.db): Promise<SubscriberRow | undefined> {
    const [row] = await on.query<SubscriberRow>('SELECT * FROM subscribers WHERE email_key = :key', {
      key: addressKey(email),
    });
    return row;
  }

  /** Like findByAddress, locking the row until the transaction ends (concurrent requests about it take turns). */
  async lock(tx: Tx, email: string): Promise<SubscriberRow | undefined> {
    const [row] = await tx.query<SubscriberRow>(
      `SELECT * FROM subscribers WHERE email_key = :key ${this.db.sql.forUpdate()}`,
      { key: addressKey(email) },
    );
    return row;
  }

  /** Subscribers by address key, for a batch of rows (the CSV import). */
  async findManyByAddress(emails: readonly string[], on: Sql = this.db): Promise<Map<string, SubscriberRow>> {
    if (emails.length === 0) return new Map();
    const rows = await on.query<SubscriberRow>('SELECT * FROM subscribers WHERE email_key IN (:...keys)', {
      keys: emails.map(addressKey),
    });
    // Found by its key, so the key is there (the column is nullable only in the schema).
    return new Map(rows.map((row) => [row.email_key!, row]));
  }

  async findById(id: number, on: Sql = this.db): Promise<SubscriberRow | undefined> {
    const [row] = await on.query<SubscriberRow>('SELECT * FROM subscribers WHERE id = :id', { id });
    return row;
  }

  async lockById(tx: Tx, id: number): Promise<SubscriberRow | undefined> {
    const [row] = await tx.query<SubscriberRow>(`SELECT * FROM subscribers WHERE id = :id ${this.db.sql.forUpdate()}`, {
      id,
    });
    return row;
  }

  async update(tx: Tx, id: number, changes: SubscriberChanges): Promise<void> {
    const params: Record<string, unknown> = { ...changes, id, updated_at: new Date() };
    if (changes.email !== undefined) params.email_key = addressKey(changes.email);
    const assignments = Object.keys(params)
      .filter((column) => column !== 'id')
      .map((column) => `${column} = :${column}`);
    await tx.query(`UPDATE subscribers SET ${assignments.join(', ')} WHERE id = :id`, params);
  }

  /**
   * Deletes a subscriber and their tokens. Delivery rows stay (a newsletter's counts must add up) without the address
   * or anything the SMTP server said about it; nothing more is sent to them.
   */
  async delete(tx: Tx, id: number): Promise<void> {
    await tx.query('DELETE FROM subscriber_tokens WHERE subscriber_id = :id', { id });
    await tx.query(
      `UPDATE deliveries SET status = CASE WHEN status = 'pending' THEN 'skipped' ELSE status END,
         email = '(erased)', smtp_response = NULL
       WHERE subscriber_id = :id`,
      { id },
    );
    await tx.query('DELETE FROM subscribers WHERE id = :id', { id });
  }

  /** Links of other subscribers that would move a subscription to this address (erasure takes them too). */
  async deleteTokensNaming(tx: Tx, key: string): Promise<void> {
    await tx.query(
      `DELETE FROM subscriber_tokens WHERE purpose IN ('change_email', 'approve_change') AND payload LIKE :pattern`,
      {
        pattern: `%${JSON.stringify(key)
          .slice(1, -1)
          .replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      },
    );
  }

  async insertToken(
    tx: Tx,
    token: { subscriberId: number; purpose: TokenPurpose; hash: string; expiresAt: Date | null; payload?: unknown },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO subscriber_tokens (subscriber_id, purpose, token_hash, payload, expires_at, created_at)
       VALUES (:subscriberId, :purpose, :hash, :payload, :expiresAt, :now)`,
      { ...token, payload: token.payload === undefined ? null : JSON.stringify(token.payload), now: new Date() },
    );
  }

  async findToken(hash: string, on: Sql = this.db): Promise<TokenRow | undefined> {
    const [row] = await on.query<TokenRow>(
      'SELECT id, subscriber_id, purpose, payload, expires_at, used_at FROM subscriber_tokens WHERE token_hash = :hash',
      { hash },
    );
    return row;
  }

  async markTokenUsed(tx: Tx, id: number): Promise<void> {
    await tx.query('UPDATE subscriber_tokens SET used_at = :now WHERE id = :id', { id, now: new Date() });
  }

  /** Admin list: filters and an allow-listed sort (checked by SubscriberListQueryDto), by cursor or page number. */
  list(query: SubscriberListQueryDto): Promise<ListedRows<SubscriberRow>> {
    return listPage<SubscriberRow>(this.db, SUBSCRIBERS, '*', this.filter(query), query);
  }

  /** The filtered subscribers in id order, in batches (see SqlFilter.batches). */
  stream(query: SubscriberListQueryDto, batchSize = 1000): AsyncGenerator<SubscriberRow[]> {
    return this.filter(query).batches<SubscriberRow>('subscribers', 'asc', batchSize);
  }

  private filter(query: SubscriberListQueryDto) {
    return new SqlFilter(this.db)
      .equals('status', query.status)
      .dateRange('created_at', query.date_from, query.date_to)
      .search(['email', 'name'], query.q, SUBSCRIBERS);
  }
}
