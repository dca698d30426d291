import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig, IS_PUBLIC, Unauthenticated } from '@mailroom/platform';
import { CrossSiteRefused, CsrfRequired, RoleRequired } from './auth.errors';
import { AuthService, type SessionInfo } from './auth.service';
import type { AdminRole } from './entities/admin-user.entity';
import { ROLES } from './roles.decorator';
import { fromAnotherSite } from './fetch-metadata';
import { sessionTokenOf } from './session-cookie';

/** Set on the request once the session is recognised. */
export interface AuthenticatedRequest extends FastifyRequest {
  session?: SessionInfo;
  /** The session's id, so a password change can keep this session and end the others. */
  sessionId?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Registered once, globally. Every route needs a live admin session unless it is marked `@Public()`: a route someone
 * forgot to mark is closed, not open. `@Roles()` narrows further. State-changing admin calls also need the session's
 * CSRF token in X-CSRF-Token and a JSON body, so no other site's form or script can drive them; and no request another
 * site started (a link to an export, an image, a form) reaches an admin route at all.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (fromAnotherSite(request)) throw new CrossSiteRefused();
    const resolved = await this.auth.resolveSession(sessionTokenOf(request, this.config.admin.cookieSecure));
    if (!resolved) throw new Unauthenticated();
    const { sessionId, ...session } = resolved;
    request.session = session;
    request.sessionId = sessionId;
    const roles = this.reflector.getAllAndOverride<AdminRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(session.user.role)) throw new RoleRequired();
    if (!SAFE_METHODS.has(request.method) && !this.csrfSatisfied(request, session)) throw new CsrfRequired();
    return true;
  }

  /** Whether the session a request came with is still live (a long-lived stream asks this as it goes). */
  async stillSignedIn(request: FastifyRequest): Promise<boolean> {
    return (await this.auth.resolveSession(sessionTokenOf(request, this.config.admin.cookieSecure))) !== undefined;
  }

  private csrfSatisfied(request: FastifyRequest, session: SessionInfo): boolean {
    const header = request.headers['x-csrf-token'];
    // A body is a body however it is framed (Content-Length or chunked): only JSON is taken.
    const hasBody =
      (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') ||
      request.headers['transfer-encoding'] !== undefined ||
      (request.body !== undefined && request.body !== null);
    const json = (request.headers['content-type'] ?? '').startsWith('application/json');
    return header === session.csrf_token && (!hasBody || json);
  }
}
