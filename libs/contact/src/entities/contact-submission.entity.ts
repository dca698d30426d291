import { NOW, column, defineTable, oneOf } from '@mailroom/platform';

export const CONTACT_STATUSES = ['new', 'read', 'archived', 'spam'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** A contact form submission, as stored. */
export interface ContactSubmission {
  id: number;
  name: string;
  email: string;
  message: string;
  company: string | null;
  timeline: string | null;
  status: ContactStatus;
  ip: string | null;
  user_agent: string | null;
  /** Hash of the sender's address (addressHash), so erasure finds every submission of one person. */
  person_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

export const CONTACT_SUBMISSIONS = defineTable<ContactSubmission>({
  name: 'contact_submissions',
  searchIndex: { name: 'contact_search', columns: ['name', 'company', 'message'] },
  columns: {
    id: column.id(),
    name: column.varchar(200),
    email: column.varchar(254),
    message: column.text(),
    company: column.varchar(200, { nullable: true }),
    timeline: column.varchar(100, { nullable: true }),
    status: column.varchar(16, { default: 'new' }),
    ip: column.varchar(64, { nullable: true }),
    user_agent: column.varchar(512, { nullable: true }),
    person_hash: column.char(64, { nullable: true }),
    created_at: column.timestamp({ default: NOW }),
    updated_at: column.timestamp({ default: NOW }),
  },
  indices: [
    { name: 'ix_contact_submissions_created_at', columns: ['created_at', 'id'] },
    { name: 'ix_contact_submissions_email', columns: ['email', 'created_at'] },
    { name: 'ix_contact_submissions_status', columns: ['status', 'created_at'] },
    { name: 'ix_contact_submissions_name', columns: ['name', 'id'] },
    { name: 'ix_contact_submissions_person', columns: ['person_hash'] },
    // Substring search (PostgreSQL pg_trgm; SQLite keeps an FTS5 table instead).
    { name: 'ix_contact_submissions_name_trgm', columns: ['name'], byMigrationOnly: true, only: 'postgres' },
    { name: 'ix_contact_submissions_company_trgm', columns: ['company'], byMigrationOnly: true, only: 'postgres' },
    { name: 'ix_contact_submissions_message_trgm', columns: ['message'], byMigrationOnly: true, only: 'postgres' },
  ],
  checks: [
    {
      name: 'ck_contact_submissions_status',
      expression: oneOf('status', CONTACT_STATUSES),
    },
  ],
});
