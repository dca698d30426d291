import { column, defineTable } from '@mailroom/platform';

/** A signed-in dashboard session; the session id itself is never stored, only its hash. */
export interface AdminSession {
  id: number;
  token_hash: string;
  admin_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
}

export const ADMIN_SESSIONS = defineTable<AdminSession>({
  name: 'admin_sessions',
  columns: {
    id: column.id(),
    token_hash: column.char(64),
    admin_id: column.ref(),
    csrf_token: column.varchar(64),
    ip: column.varchar(64, { nullable: true }),
    user_agent: column.varchar(512, { nullable: true }),
    created_at: column.timestamp(),
    last_seen_at: column.timestamp(),
  },
  uniques: [{ name: 'uq_admin_sessions_token_hash', columns: ['token_hash'] }],
  indices: [{ name: 'ix_admin_sessions_admin', columns: ['admin_id'] }],
  foreignKeys: [
    { name: 'fk_admin_sessions_admin', columns: ['admin_id'], references: 'admin_users', onDelete: 'CASCADE' },
  ],
});
