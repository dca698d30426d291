import {
  createParamDecorator,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppConfig } from '../config/app-config';

const TRIPPED = Symbol('honeypotTripped');
type FlaggedRequest = FastifyRequest & { [TRIPPED]?: boolean };

/**
 * Takes the hidden honeypot field (HONEYPOT_FIELD, "website" by default) out of a public form before validation, and
 * remembers whether a bot filled it in. Its name is configurable, so it cannot be a DTO property.
 */
@Injectable()
export class HoneypotInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FlaggedRequest>();
    const body = request.body as Record<string, unknown> | undefined;
    const field = this.config.contact.honeypotField;
    if (body !== null && typeof body === 'object' && Object.prototype.hasOwnProperty.call(body, field)) {
      const value = body[field];
      delete body[field];
      // Any value other than an empty string counts: bots fill fields with all sorts of things.
      request[TRIPPED] = !(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
    }
    return next.handle();
  }
}

export const HoneypotTripped = createParamDecorator(
  (_: unknown, context: ExecutionContext): boolean =>
    context.switchToHttp().getRequest<FlaggedRequest>()[TRIPPED] === true,
);
