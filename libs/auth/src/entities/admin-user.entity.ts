import { NOW, column, defineTable, oneOf } from '@mailroom/platform';

export const ADMIN_ROLES = ['owner', 'admin', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** A dashboard account. */
export interface AdminUser {
  id: number;
  username: string;
  display_name: string | null;
  /** argon2id. */
  password_hash: string;
  role: AdminRole;
  disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const ADMIN_USERS = defineTable<AdminUser>({
  name: 'admin_users',
  columns: {
    id: column.id(),
    username: column.varchar(100),
    display_name: column.varchar(200, { nullable: true }),
    password_hash: column.varchar(255),
    role: column.varchar(16),
    disabled: column.boolean({ default: false }),
    last_login_at: column.timestamp({ nullable: true }),
    created_at: column.timestamp({ default: NOW }),
    updated_at: column.timestamp({ default: NOW }),
  },
  uniques: [{ name: 'uq_admin_users_username', columns: ['username'] }],
  checks: [{ name: 'ck_admin_users_role', expression: oneOf('role', ADMIN_ROLES) }],
});
