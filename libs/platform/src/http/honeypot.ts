import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';

const TRIPPED = Symbol('honeypotTripped');
type FlaggedRequest = FastifyRequest & { [TRIPPED]?: boolean };

/**
 * Takes the hidden honeypot field (HONEYPOT_FIELD, "website" by default) out of a public form before validation, and
 * remembers whether a bot filled it in. Its name is configurable, so it cannot be a DTO property.
 *
 * A guard that always lets the request through, rather than an interceptor: guards run before the validation pipe
 * too, and cost a function call where an interceptor costs an rxjs pipeline on every public submission.
 */
@Injectable()
export class HoneypotGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FlaggedRequest>();
    const body = request.body as Record<string, unknown> | undefined;
    const field = this.config.contact.honeypotField;
    if (body !== null && typeof body === 'object' && Object.prototype.hasOwnProperty.call(body, field)) {
      const value = body[field];
      delete body[field];
      // Any value other than an empty string counts: bots fill fields with all sorts of things.
      request[TRIPPED] = !(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
    }
    return true;
  }
}

export const HoneypotTripped = createParamDecorator(
  (_: unknown, context: ExecutionContext): boolean =>
    context.switchToHttp().getRequest<FlaggedRequest>()[TRIPPED] === true,
);
