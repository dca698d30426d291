import { NOW, column, defineTable, oneOf } from '@mailroom/platform';

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** A newsletter subscriber, with the consent record of each step (when, from where, with what browser). */
export interface Subscriber {
  id: number;
  /** As the person typed it (domain lower-cased), for display and sending. */
  email: string;
  /**
   * Who it reaches (addressKey): the identity, unique. Always written; nullable in the schema only because SQLite
   * cannot add a NOT NULL column to a table other tables refer to without rebuilding it.
   */
  email_key: string | null;
  name: string | null;
  /** JSON object of the site's own fields. */
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
  created_at: Date;
  updated_at: Date;
}

export const SUBSCRIBERS = defineTable<Subscriber>({
  name: 'subscribers',
  searchIndex: { name: 'subscriber_search', columns: ['email', 'name'] },
  columns: {
    id: column.id(),
    email: column.varchar(254),
    email_key: column.varchar(254, { nullable: true }),
    name: column.varchar(200, { nullable: true }),
    metadata: column.text({ nullable: true }),
    source: column.varchar(200, { nullable: true }),
    status: column.varchar(16, { default: 'pending' }),
    subscribed_at: column.timestamp({ nullable: true }),
    subscribe_ip: column.varchar(64, { nullable: true }),
    subscribe_user_agent: column.varchar(512, { nullable: true }),
    confirmed_at: column.timestamp({ nullable: true }),
    confirm_ip: column.varchar(64, { nullable: true }),
    confirm_user_agent: column.varchar(512, { nullable: true }),
    unsubscribed_at: column.timestamp({ nullable: true }),
    unsubscribe_ip: column.varchar(64, { nullable: true }),
    unsubscribe_reason: column.varchar(500, { nullable: true }),
    created_at: column.timestamp({ default: NOW }),
    updated_at: column.timestamp({ default: NOW }),
  },
  uniques: [{ name: 'uq_subscribers_email', columns: ['email'] }],
  indices: [
    { name: 'uq_subscribers_email_key', columns: ['email_key'], unique: true },
    { name: 'ix_subscribers_status_created', columns: ['status', 'created_at', 'id'] },
    { name: 'ix_subscribers_created', columns: ['created_at', 'id'] },
    { name: 'ix_subscribers_unsubscribed', columns: ['unsubscribed_at'] },
    // Substring search (PostgreSQL pg_trgm; SQLite keeps an FTS5 table instead).
    { name: 'ix_subscribers_email_trgm', columns: ['email'], byMigrationOnly: true, only: 'postgres' },
    { name: 'ix_subscribers_name_trgm', columns: ['name'], byMigrationOnly: true, only: 'postgres' },
  ],
  checks: [{ name: 'ck_subscribers_status', expression: oneOf('status', SUBSCRIBER_STATUSES) }],
});
