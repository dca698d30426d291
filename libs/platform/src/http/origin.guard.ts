import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { OriginNotAllowed } from './domain-error';

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * STRICT_ORIGIN_CHECK: a submission must come from an allowed site (its Origin, or its Referer when a browser sent no
 * Origin). Mailroom's own pages at PUBLIC_URL are always allowed. Off by default, as in the service it replaces.
 */
@Injectable()
export class OriginGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.origins.strict) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const origin = originOf(request.headers.origin) ?? originOf(request.headers.referer);
    // Read per request: allowed origins and the public URL are settings that can change while running.
    const allowed =
      origin !== undefined &&
      (this.config.origins.allowed.includes(origin) || origin === new URL(this.config.publicUrl).origin);
    if (!allowed) throw new OriginNotAllowed();
    return true;
  }
}
