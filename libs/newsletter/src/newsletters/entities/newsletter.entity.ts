import { NOW, column, defineTable, oneOf } from '@mailroom/platform';

export const NEWSLETTER_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;
export type NewsletterStatus = (typeof NEWSLETTER_STATUSES)[number];
export const NEWSLETTER_FORMATS = ['markdown', 'html'] as const;
export type NewsletterFormat = (typeof NEWSLETTER_FORMATS)[number];

/** A newsletter (a campaign): its content and where its send stands. */
export interface Newsletter {
  id: number;
  subject: string;
  preheader: string | null;
  body: string;
  format: NewsletterFormat;
  status: NewsletterStatus;
  send_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  /** Recipients snapshotted when the send started. */
  audience_count: number;
  failure_reason: string | null;
  created_by: string | null;
  /** Shown in the public archive and its feed once sent. */
  in_archive: boolean;
  /** Its saved layout; null: the built-in one. */
  template_id: number | null;
  /** JSON AudienceFilter narrowing who of the confirmed subscribers it goes to; null: all of them. */
  audience_filter: string | null;
  created_at: Date;
  updated_at: Date;
}

export const NEWSLETTERS = defineTable<Newsletter>({
  name: 'newsletters',
  columns: {
    id: column.id(),
    subject: column.varchar(200),
    preheader: column.varchar(200, { nullable: true }),
    body: column.text(),
    format: column.varchar(16, { default: 'markdown' }),
    status: column.varchar(16, { default: 'draft' }),
    send_at: column.timestamp({ nullable: true }),
    started_at: column.timestamp({ nullable: true }),
    finished_at: column.timestamp({ nullable: true }),
    audience_count: column.integer({ default: 0 }),
    failure_reason: column.varchar(500, { nullable: true }),
    created_by: column.varchar(100, { nullable: true }),
    in_archive: column.boolean({ default: false }),
    template_id: column.ref({ nullable: true }),
    audience_filter: column.text({ nullable: true }),
    created_at: column.timestamp({ default: NOW }),
    updated_at: column.timestamp({ default: NOW }),
  },
  indices: [
    { name: 'ix_newsletters_status', columns: ['status', 'send_at'] },
    { name: 'ix_newsletters_created', columns: ['created_at', 'id'] },
    { name: 'ix_newsletters_archive', columns: ['in_archive', 'finished_at'] },
    { name: 'ix_newsletters_template', columns: ['template_id'] },
  ],
  checks: [
    { name: 'ck_newsletters_status', expression: oneOf('status', NEWSLETTER_STATUSES) },
    { name: 'ck_newsletters_format', expression: oneOf('format', NEWSLETTER_FORMATS) },
  ],
});
