import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditActor } from '@mailroom/platform';
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
 * operator named (`commandLineActor`), and a reset ends the admin's sessions.
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
    operator: AuditActor,
  ): Promise<void> {
    await this.auth.createAdmin(input, operator);
  }

  /** Sets the password, re-enables the account (a locked-out owner is the case this exists for), ends its sessions. */
  async resetPassword(username: string, password: string, operator: AuditActor): Promise<void> {
    const admin = await this.admins.findByUsername(username);
    if (!admin) throw new NoSuchAdmin(username);
    const passwordHash = await this.auth.hashNewPassword(password, admin.username);
    await this.admins.updateAdmin(admin.id, { password_hash: passwordHash, disabled: false });
    await this.sessions.deleteAllOf(admin.id);
    await this.audit.recordBy(operator, 'admin.password_reset', `admin:${admin.username}`, { from: 'command line' });
  }
}
