import { column, defineTable, oneOf } from '@mailroom/platform';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'bounced'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One recipient of one newsletter: claimed under a lease by a sender, finished with the server's answer. */
export interface Delivery {
  id: number;
  newsletter_id: number;
  subscriber_id: number;
  /** The address when the send started (a later change of address is not mailed this newsletter). */
  email: string;
  status: DeliveryStatus;
  attempts: number;
  available_at: Date;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  smtp_response: string | null;
  message_id: string | null;
  sent_by: string | null;
  finished_at: Date | null;
}

export const DELIVERIES = defineTable<Delivery>({
  name: 'deliveries',
  columns: {
    id: column.id(),
    newsletter_id: column.ref(),
    subscriber_id: column.ref(),
    email: column.varchar(254),
    status: column.varchar(16, { default: 'pending' }),
    attempts: column.integer({ default: 0 }),
    available_at: column.timestamp(),
    lease_owner: column.varchar(100, { nullable: true }),
    lease_expires_at: column.timestamp({ nullable: true }),
    smtp_response: column.varchar(1000, { nullable: true }),
    message_id: column.varchar(255, { nullable: true }),
    sent_by: column.varchar(100, { nullable: true }),
    finished_at: column.timestamp({ nullable: true }),
  },
  uniques: [{ name: 'uq_deliveries_recipient', columns: ['newsletter_id', 'subscriber_id'] }],
  indices: [
    { name: 'ix_deliveries_claim', columns: ['status', 'id'] },
    { name: 'ix_deliveries_progress', columns: ['newsletter_id', 'status'] },
    { name: 'ix_deliveries_subscriber', columns: ['subscriber_id'] },
  ],
  checks: [{ name: 'ck_deliveries_status', expression: oneOf('status', DELIVERY_STATUSES) }],
  foreignKeys: [
    { name: 'fk_deliveries_newsletter', columns: ['newsletter_id'], references: 'newsletters', onDelete: 'CASCADE' },
  ],
});
