import { NOW, column, defineTable } from '@mailroom/platform';

/** An address that is never mailed (a hard bounce, an erasure), kept only as its hash. */
export interface Suppression {
  id: number;
  email_hash: string;
  reason: string;
  created_at: Date;
}

export const SUPPRESSIONS = defineTable<Suppression>({
  name: 'suppressions',
  columns: {
    id: column.id(),
    email_hash: column.char(64),
    reason: column.varchar(32),
    created_at: column.timestamp({ default: NOW }),
  },
  uniques: [{ name: 'uq_suppressions_email_hash', columns: ['email_hash'] }],
});
