import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, Unauthenticated } from '@mailroom/platform';
import type { FastifyRequest } from 'fastify';

/** Set on the request by the session layer once a signed-in admin is recognised. */
export interface AuthenticatedRequest extends FastifyRequest {
  admin?: { id: number; role: string };
}

/**
 * Registered once, globally: every route needs a signed-in admin unless it is marked `@Public()`. A route someone
 * forgot to mark is closed, not open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.admin === undefined) throw new Unauthenticated();
    return true;
  }
}
