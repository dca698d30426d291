import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FormCsrf } from '@mailroom/platform';
import { FormExpired } from './subscribers.errors';
import { hashToken } from './subscriber-tokens';

/** What a manage form's CSRF token is bound to: the manage link it was rendered for, or nothing. */
export function manageFormScope(token: string | undefined): string {
  return token ? hashToken(token) : 'anonymous';
}

/**
 * Browser form posts to the manage page must carry the form token rendered into the page. JSON calls need none:
 * they act only through emailed links, and browsers cannot send JSON cross-site without CORS.
 */
@Injectable()
export class ManageCsrfGuard implements CanActivate {
  constructor(private readonly csrf: FormCsrf) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) return true;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' && body.token !== '' ? body.token : undefined;
    if (!this.csrf.verify(manageFormScope(token), body.csrf)) throw new FormExpired();
    return true;
  }
}
