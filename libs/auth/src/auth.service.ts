import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig, AuditLog, ValidationFailed, type AuditActor, type ClientInfo } from '@mailroom/platform';
import { InvalidCredentials, TooManyLoginAttempts, UsernameTaken } from './auth.errors';
import { AuthRepository, type AdminRow } from './auth.repository';
import type { AdminRole } from './entities/admin-user.entity';
import { LoginAttempts } from './login-attempts';
import { SessionStore } from './session-store';
import { passwordProblem } from './password-policy';

export interface AdminIdentity {
  readonly id: number;
  readonly username: string;
  readonly display_name: string | null;
  readonly role: AdminRole;
}

export interface SessionInfo {
  readonly user: AdminIdentity;
  readonly csrf_token: string;
}

export interface NewSession extends SessionInfo {
  /** The cookie value; only its hash is stored. */
  readonly token: string;
}

const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

@Injectable()
export class AuthService {
  /** Verified against when the user does not exist, so both cases cost the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly admins: AuthRepository,
    private readonly sessions: SessionStore,
    private readonly attempts: LoginAttempts,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  /** Checked by the passport-local strategy. Unknown user, wrong password and disabled account look the same. */
  async verifyCredentials(username: string, password: string, client: ClientInfo): Promise<AdminIdentity> {
    if (await this.attempts.isBlocked(username, client.ip)) throw new TooManyLoginAttempts();
    const admin = await this.admins.findByUsername(username);
    const valid = await argon2.verify(admin?.password_hash ?? (await this.dummy()), password).catch(() => false);
    if (!admin || !valid || admin.disabled) {
      await this.attempts.recordFailure(username, client.ip);
      await this.audit.record({
        adminId: admin?.id ?? null,
        actor: username.slice(0, 100),
        action: 'login_failed',
        ip: client.ip,
      });
      throw new InvalidCredentials();
    }
    await this.attempts.recordSuccess(username, client.ip);
    return this.identity(admin);
  }

  /** A new session (and so a new id) on every sign-in. */
  async startSession(user: AdminIdentity, client: ClientInfo): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = Date.now();
    await this.sessions.create(
      { id: hashSessionToken(token), adminId: user.id, csrfToken: csrf, createdAt: now, lastSeenAt: now },
      { ip: client.ip, userAgent: client.userAgent ?? null },
      this.config.admin.sessionIdleMs,
    );
    await this.admins.recordLogin(user.id);
    await this.audit.record({ adminId: user.id, actor: user.username, action: 'login', ip: client.ip });
    return { token, user, csrf_token: csrf };
  }

  /** The session behind a cookie, if it is live: idle and absolute lifetimes are enforced here, on the server. */
  async resolveSession(token: string | undefined): Promise<(SessionInfo & { readonly sessionId: string }) | undefined> {
    if (token === undefined || !SESSION_TOKEN.test(token)) return undefined;
    const session = await this.sessions.find(hashSessionToken(token));
    if (!session) return undefined;
    const now = Date.now();
    const { sessionIdleMs, sessionMaxMs } = this.config.admin;
    if (now - session.lastSeenAt > sessionIdleMs || now - session.createdAt > sessionMaxMs) {
      await this.sessions.delete(session.id);
      return undefined;
    }
    const admin = await this.admins.findById(session.adminId);
    if (!admin || admin.disabled) return undefined;
    // Writing on every request would make each read a write; a minute's precision is enough for a 30-minute timeout.
    if (now - session.lastSeenAt > 60_000) {
      await this.sessions.touch(session, now, Math.min(sessionIdleMs, session.createdAt + sessionMaxMs - now));
    }
    return { user: this.identity(admin), csrf_token: session.csrfToken, sessionId: session.id };
  }

  async endSession(token: string | undefined, client: ClientInfo): Promise<void> {
    if (token === undefined || !SESSION_TOKEN.test(token)) return;
    const session = await this.sessions.find(hashSessionToken(token));
    if (!session) return;
    await this.sessions.delete(session.id);
    const admin = await this.admins.findById(session.adminId);
    await this.audit.record({
      adminId: session.adminId,
      actor: admin?.username ?? null,
      action: 'logout',
      ip: client.ip,
    });
  }

  /**
   * The one way an admin is created, from the dashboard or the command line: the password policy, a free username,
   * and an audit entry naming who did it.
   */
  async createAdmin(
    input: { username: string; password: string; role: AdminRole; displayName?: string | null },
    actor: AuditActor,
  ): Promise<AdminRow> {
    const passwordHash = await this.hashNewPassword(input.password, input.username);
    if (await this.admins.findByUsername(input.username)) throw new UsernameTaken();
    await this.admins.createAdmin({
      username: input.username,
      displayName: input.displayName ?? null,
      passwordHash,
      role: input.role,
    });
    const created = (await this.admins.findByUsername(input.username))!;
    await this.audit.recordBy(actor, 'admin.create', `admin:${created.username}`, { role: input.role });
    return created;
  }

  /** For admin creation and password changes: refuses weak passwords with a field error. */
  async hashNewPassword(password: string, username: string): Promise<string> {
    const problem = passwordProblem(password, username);
    if (problem) throw new ValidationFailed({ password: problem });
    return this.hashPassword(password);
  }

  /** The one password hash (argon2id); callers check the policy first. */
  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id });
    return this.dummyHash;
  }

  private identity(admin: AdminRow): AdminIdentity {
    return { id: admin.id, username: admin.username, display_name: admin.display_name, role: admin.role };
  }
}
