import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig, ValidationFailed } from '@mailroom/platform';
import { CrossSiteRefused } from './auth.errors';
import { fromAnotherSite, originIsOurs } from './fetch-metadata';

const LIMITS = { username: 100, password: 1024 } as const;

/**
 * Runs before passport-local on POST /auth/login:
 * - refuses a sign-in another site's page posts (login CSRF: a hidden form that signs the visitor into the attacker's
 *   account, or swaps their session), by the browser's Fetch Metadata or Origin;
 * - takes the username and password only from the body (passport-local would also read the query string, which ends
 *   up in logs and browser history), as strings of a sane length, before anything else looks at them.
 */
@Injectable()
export class SignInGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (fromAnotherSite(request) || !originIsOurs(request, this.config.publicUrl)) throw new CrossSiteRefused();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const problems: Record<string, string> = {};
    for (const [field, max] of Object.entries(LIMITS)) {
      const value = body[field];
      if (typeof value !== 'string' || value === '') problems[field] = 'must be a non-empty string in the body';
      else if (value.length > max) problems[field] = `must be at most ${max} characters`;
    }
    if (Object.keys(problems).length > 0) throw new ValidationFailed(problems);
    return true;
  }
}
