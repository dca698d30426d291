import { Injectable } from '@nestjs/common';
import { DatabaseService } from '@mailroom/platform';
import type { AdminRole } from './entities/admin-user.entity';

export interface AdminRow {
  id: number;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: AdminRole;
  disabled: boolean;
}

export interface SessionRow {
  id: number;
  admin_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

const adminFrom = (row: Record<string, unknown>): AdminRow => ({
  ...(row as unknown as AdminRow),
  id: Number(row.id),
  disabled: row.disabled === true || row.disabled === 1,
});

/** Every query on admin_users, admin_sessions and audit_log. */
@Injectable()
export class AuthRepository {
  constructor(private readonly db: DatabaseService) {}

  async countAdmins(): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM admin_users');
    return Number(row?.n ?? 0);
  }

  async findByUsername(username: string): Promise<AdminRow | undefined> {
    const [row] = await this.db.query('SELECT * FROM admin_users WHERE username = :username', { username });
    return row ? adminFrom(row) : undefined;
  }

  async findById(id: number): Promise<AdminRow | undefined> {
    const [row] = await this.db.query('SELECT * FROM admin_users WHERE id = :id', { id });
    return row ? adminFrom(row) : undefined;
  }

  async createAdmin(admin: {
    username: string;
    displayName: string | null;
    passwordHash: string;
    role: AdminRole;
  }): Promise<void> {
    await this.db.execute(
      `INSERT INTO admin_users (username, display_name, password_hash, role, disabled, created_at, updated_at)
       VALUES (:username, :displayName, :passwordHash, :role, :disabled, :now, :now)
       ON CONFLICT (username) DO NOTHING`,
      { ...admin, disabled: false, now: this.db.timestamp(new Date()) },
    );
  }

  async recordLogin(id: number): Promise<void> {
    await this.db.execute('UPDATE admin_users SET last_login_at = :now WHERE id = :id', {
      id,
      now: this.db.timestamp(new Date()),
    });
  }

  async createSession(session: {
    tokenHash: string;
    adminId: number;
    csrf: string;
    ip: string;
    userAgent: string | null;
  }): Promise<void> {
    const now = Date.now();
    await this.db.execute(
      `INSERT INTO admin_sessions (token_hash, admin_id, csrf_token, ip, user_agent, created_at, last_seen_at)
       VALUES (:tokenHash, :adminId, :csrf, :ip, :userAgent, :now, :now)`,
      { ...session, now },
    );
  }

  async findSession(tokenHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.query(
      'SELECT id, admin_id, csrf_token, created_at, last_seen_at FROM admin_sessions WHERE token_hash = :tokenHash',
      { tokenHash },
    );
    if (!row) return undefined;
    return {
      id: Number(row.id),
      admin_id: Number(row.admin_id),
      csrf_token: String(row.csrf_token),
      created_at: Number(row.created_at),
      last_seen_at: Number(row.last_seen_at),
    };
  }

  async touchSession(id: number, now: number): Promise<void> {
    await this.db.execute('UPDATE admin_sessions SET last_seen_at = :now WHERE id = :id', { id, now });
  }

  async deleteSession(id: number): Promise<void> {
    await this.db.execute('DELETE FROM admin_sessions WHERE id = :id', { id });
  }

  async listAdmins(): Promise<AdminRow[]> {
    return (await this.db.query('SELECT * FROM admin_users ORDER BY id')).map(adminFrom);
  }

  async countEnabledOwners(): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM admin_users WHERE role = 'owner' AND disabled = :disabled",
      { disabled: false },
    );
    return Number(row?.n ?? 0);
  }

  async updateAdmin(
    id: number,
    changes: { display_name?: string; role?: AdminRole; disabled?: boolean; password_hash?: string },
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return;
    await this.db.execute(
      `UPDATE admin_users SET ${entries.map(([column]) => `${column} = :${column}`).join(', ')}, updated_at = :now WHERE id = :id`,
      { ...Object.fromEntries(entries), id, now: this.db.timestamp(new Date()) },
    );
  }

  async deleteAdmin(id: number): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.db.query('DELETE FROM admin_sessions WHERE admin_id = :id', { id }, m);
      await this.db.query('DELETE FROM admin_users WHERE id = :id', { id }, m);
    });
  }

  /** Ends an admin's sessions, except `keepId` (the one making the change). */
  async deleteSessionsOf(adminId: number, keepId?: number): Promise<void> {
    await this.db.execute('DELETE FROM admin_sessions WHERE admin_id = :adminId AND id <> :keepId', {
      adminId,
      keepId: keepId ?? 0,
    });
  }
}
