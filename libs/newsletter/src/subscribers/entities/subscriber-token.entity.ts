import { column, defineTable, oneOf } from '@mailroom/platform';
import { TOKEN_PURPOSES, type TokenPurpose } from '../subscriber-tokens';

/** A link mailed to a subscriber (confirm, manage, unsubscribe, change of address), kept as a hash. */
export interface SubscriberToken {
  id: number;
  subscriber_id: number;
  purpose: TokenPurpose;
  token_hash: string;
  /** JSON: what the link carries (the request a confirmation confirms, the address a change moves to). */
  payload: string | null;
  expires_at: Date | null;
  used_at: Date | null;
  created_at: Date;
}

export const SUBSCRIBER_TOKENS = defineTable<SubscriberToken>({
  name: 'subscriber_tokens',
  columns: {
    id: column.id(),
    subscriber_id: column.ref(),
    purpose: column.varchar(16),
    token_hash: column.char(64),
    payload: column.text({ nullable: true }),
    expires_at: column.timestamp({ nullable: true }),
    used_at: column.timestamp({ nullable: true }),
    created_at: column.timestamp(),
  },
  uniques: [{ name: 'uq_subscriber_tokens_hash', columns: ['token_hash'] }],
  indices: [{ name: 'ix_subscriber_tokens_subscriber', columns: ['subscriber_id'] }],
  checks: [
    {
      name: 'ck_subscriber_tokens_purpose',
      expression: oneOf('purpose', TOKEN_PURPOSES),
    },
  ],
  foreignKeys: [
    {
      name: 'fk_subscriber_tokens_subscriber',
      columns: ['subscriber_id'],
      references: 'subscribers',
      onDelete: 'CASCADE',
    },
  ],
});
