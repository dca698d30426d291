import { Injectable } from '@nestjs/common';
import { DatabaseService, type Tx, countOf } from '@mailroom/platform';
import type { AdminRole, AdminUser } from './entities/admin-user.entity';

export type AdminRow = Pick<AdminUser, 'id' | 'username' | 'display_name' | 'password_hash' | 'role' | 'disabled'>;

const adminFrom = (row: Record<string, unknown>): AdminRow => ({
  ...(row as unknown as AdminRow),
  id: Number(row.id),
  disabled: row.disabled === true || row.disabled === 1,
});

/** Every query on admin_users (sessions are the SessionStore's). */
@Injectable()
export class AuthRepository {
  constructor(private readonly db: DatabaseService) {}

  async countAdmins(): Promise<number> {
    return countOf(this.db, 'SELECT COUNT(*) AS n FROM admin_users');
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
    await this.db.write(
      `INSERT INTO admin_users (username, display_name, password_hash, role, disabled, created_at, updated_at)
       VALUES (:username, :displayName, :passwordHash, :role, :disabled, :now, :now)
       ON CONFLICT (username) DO NOTHING`,
      { ...admin, disabled: false, now: new Date() },
    );
  }

  async recordLogin(id: number): Promise<void> {
    await this.db.write('UPDATE admin_users SET last_login_at = :now WHERE id = :id', {
      id,
      now: new Date(),
    });
  }

  async listAdmins(): Promise<AdminRow[]> {
    return (await this.db.query('SELECT * FROM admin_users ORDER BY id')).map(adminFrom);
  }

  async updateAdmin(
    id: number,
    changes: { display_name?: string; role?: AdminRole; disabled?: boolean; password_hash?: string },
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return;
    await this.db.write(
      `UPDATE admin_users SET ${entries.map(([column]) => `${column} = :${column}`).join(', ')}, updated_at = :now WHERE id = :id`,
      { ...Object.fromEntries(entries), id, now: new Date() },
    );
  }

  /**
   * Applies `change` to admin `id` unless that would leave no enabled owner. The enabled owners are locked first (on
   * SQLite the transaction already excludes other writers), so two owners demoting each other at once cannot both
   * succeed: the second waits, then sees the first's change. Answers whether it was applied.
   */
  async changeKeepingAnOwner(id: number, change: (tx: Tx) => Promise<void>, losesOwner: boolean): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const owners = await tx.query<{ id: number }>(
        `SELECT id FROM admin_users WHERE role = 'owner' AND disabled = :disabled ${this.db.sql.forUpdate()}`,
        { disabled: false },
      );
      if (losesOwner && owners.some((owner) => owner.id === id) && owners.length <= 1) return false;
      await change(tx);
      return true;
    });
  }

  async updateAdminIn(
    tx: Tx,
    id: number,
    changes: { display_name?: string; role?: AdminRole; disabled?: boolean },
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return;
    await tx.query(
      `UPDATE admin_users SET ${entries.map(([column]) => `${column} = :${column}`).join(', ')}, updated_at = :now WHERE id = :id`,
      { ...Object.fromEntries(entries), id, now: new Date() },
    );
  }

  async deleteAdminIn(tx: Tx, id: number): Promise<void> {
    await tx.query('DELETE FROM admin_users WHERE id = :id', { id });
  }

  async deleteAdmin(id: number): Promise<void> {
    // admin_sessions rows go with the account (ON DELETE CASCADE); Redis sessions are ended by the caller.
    await this.db.write('DELETE FROM admin_users WHERE id = :id', { id });
  }
}
