import { column, defineTable } from '@mailroom/platform';

/** How many link mails one mailbox has been sent lately (keyed by a hash of the address, whatever row asked). */
export interface MailBudget {
  address_hash: string;
  last_mail_at: Date | null;
  window_started_at: Date;
  window_count: number;
}

export const MAIL_BUDGETS = defineTable<MailBudget>({
  name: 'mail_budgets',
  columns: {
    address_hash: column.char(64, { primary: true }),
    last_mail_at: column.timestamp({ nullable: true }),
    window_started_at: column.timestamp(),
    window_count: column.integer(),
  },
  primaryKeyName: 'pk_mail_budgets',
});
