import { Injectable } from '@nestjs/common';
import { AuditLog } from '@mailroom/platform';
import { UsernameTaken } from './auth.errors';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import type { AdminRole } from './entities/admin-user.entity';
import { SessionStore } from './session-store';

export class NoSuchAdmin extends Error {
  constructor(username: string) {
    super(`No admin is called "${username}"`);
  }
}

/**
 * What an operator does from the command line, outside any session: create an admin (the first one too) and set a
 * password for one who lost theirs. The password policy is the dashboard's; every change is audited with the
 * operator named, and a reset ends the admin's sessions.
 */
@Injectable()
export class AccountRecovery {
  constructor(
    private readonly admins: AuthRepository,
    private readonly auth: AuthService,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
  ) {}

  async createAdmin(
    input: { username: string; password: string; role: AdminRole; displayName?: string },
    operator: string,
  ): Promise<void> {
    const passwordHash = await this.auth.hashNewPassword(input.password, input.username);
    if (await this.admins.findByUsername(input.username)) throw new UsernameTaken();
    await this.admins.createAdmin({
      username: input.username,
      displayName: input.displayName ?? null,
      passwordHash,
      role: input.role,
    });
    const created = await this.admins.findByUsername(input.username);
    await this.record(operator, 'admin.create', created!.username, { role: input.role });
  }

  /** Sets the password, re-enables the account (a locked-out owner is the case this exists for), ends its sessions. */
  async resetPassword(username: string, password: string, operator: string): Promise<void> {
    const admin = await this.admins.findByUsername(username);
    if (!admin) throw new NoSuchAdmin(username);
    const passwordHash = await this.auth.hashNewPassword(password, admin.username);
    await this.admins.updateAdmin(admin.id, { password_hash: passwordHash, disabled: false });
    await this.sessions.deleteAllOf(admin.id);
    await this.record(operator, 'admin.password_reset', admin.username, { from: 'command line' });
  }

  /** The operator is not an admin (no admin id): the entry names them as the actor. */
  private record(operator: string, action: string, username: string, details: unknown) {
    return this.audit.record({
      adminId: null,
      actor: operator,
      action,
      target: `admin:${username}`,
      details,
      ip: null,
    });
  }
}
