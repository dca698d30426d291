import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AuditLog, ValidationFailed } from '@mailroom/platform';
import { AdminNotFound, InvalidCredentials, LastOwnerProtected, TooManyLoginAttempts } from './auth.errors';
import { LoginAttempts } from './login-attempts';
import { AuthRepository, type AdminRow } from './auth.repository';
import { AuthService } from './auth.service';
import type { Actor } from './current-actor.decorator';
import type { AdminRole } from './entities/admin-user.entity';
import { SessionStore } from './session-store';

export interface AdminUserView {
  readonly id: number;
  readonly username: string;
  readonly display_name: string | null;
  readonly role: AdminRole;
  readonly disabled: boolean;
}

/** Owners manage admins; every admin manages their own password. All of it is audited. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly admins: AuthRepository,
    private readonly auth: AuthService,
    private readonly sessions: SessionStore,
    private readonly attempts: LoginAttempts,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<AdminUserView[]> {
    return (await this.admins.listAdmins()).map((admin) => this.view(admin));
  }

  async create(
    input: { username: string; display_name?: string; role: AdminRole; password: string },
    actor: Actor,
  ): Promise<AdminUserView> {
    const created = await this.auth.createAdmin({ ...input, displayName: input.display_name }, actor);
    return this.view(created);
  }

  async update(
    id: number,
    changes: { display_name?: string; role?: AdminRole; disabled?: boolean },
    actor: Actor,
  ): Promise<AdminUserView> {
    const admin = await this.find(id);
    if (id === actor.id && (changes.disabled === true || (changes.role !== undefined && changes.role !== admin.role))) {
      throw new LastOwnerProtected('You cannot disable yourself or change your own role');
    }
    const losesOwner = (changes.role !== undefined && changes.role !== 'owner') || changes.disabled === true;
    const applied = await this.admins.changeKeepingAnOwner(
      id,
      (tx) => this.admins.updateAdminIn(tx, id, changes),
      losesOwner,
    );
    if (!applied) throw new LastOwnerProtected();
    if (changes.disabled === true) await this.sessions.deleteAllOf(id);
    await this.record(actor, 'admin.update', admin, changes);
    return this.view(await this.find(id));
  }

  /**
   * An owner sets a new password for an admin, ending all of that admin's sessions. For their own account the current
   * password is asked for, as on /auth/password: a stolen session must not be enough to take the account.
   */
  async resetPassword(id: number, password: string, actor: Actor, currentPassword?: string): Promise<void> {
    const admin = await this.find(id);
    if (id === actor.id) {
      if (currentPassword === undefined)
        throw new ValidationFailed({ current_password: 'is required to change your own password' });
      await this.checkCurrentPassword(admin, currentPassword, actor);
    }
    await this.admins.updateAdmin(id, { password_hash: await this.auth.hashNewPassword(password, admin.username) });
    await this.sessions.deleteAllOf(id, id === actor.id ? actor.sessionId : undefined);
    await this.record(actor, 'admin.password_reset', admin);
  }

  async delete(id: number, actor: Actor): Promise<void> {
    const admin = await this.find(id);
    if (id === actor.id) throw new LastOwnerProtected('You cannot delete yourself');
    const applied = await this.admins.changeKeepingAnOwner(id, (tx) => this.admins.deleteAdminIn(tx, id), true);
    if (!applied) throw new LastOwnerProtected();
    await this.sessions.deleteAllOf(id);
    await this.record(actor, 'admin.delete', admin);
  }

  /** Changing one's own password ends every other session of that admin; this one stays signed in. */
  async changeOwnPassword(actor: Actor, current: string, next: string): Promise<void> {
    const admin = await this.find(actor.id);
    await this.checkCurrentPassword(admin, current, actor);
    await this.admins.updateAdmin(actor.id, { password_hash: await this.auth.hashNewPassword(next, admin.username) });
    await this.sessions.deleteAllOf(actor.id, actor.sessionId);
    await this.record(actor, 'admin.password_change', admin);
  }

  /** The current password, throttled like sign-in: guesses through a stolen session count as failed sign-ins. */
  private async checkCurrentPassword(admin: AdminRow, current: string, actor: Actor): Promise<void> {
    if (await this.attempts.isBlocked(admin.username, actor.ip)) throw new TooManyLoginAttempts();
    if (await argon2.verify(admin.password_hash, current).catch(() => false)) return;
    await this.attempts.recordFailure(admin.username, actor.ip);
    throw new InvalidCredentials();
  }

  private async find(id: number): Promise<AdminRow> {
    const admin = await this.admins.findById(id);
    if (!admin) throw new AdminNotFound(id);
    return admin;
  }

  private record(actor: Actor, action: string, target: AdminRow, details?: unknown): Promise<void> {
    return this.audit.recordBy(actor, action, `admin:${target.username}`, details);
  }

  private view(admin: AdminRow): AdminUserView {
    return {
      id: admin.id,
      username: admin.username,
      display_name: admin.display_name,
      role: admin.role,
      disabled: admin.disabled,
    };
  }
}
