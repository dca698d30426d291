import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@mailroom/platform';
import { MetricsTokenRequired } from './monitoring.errors';

/** With METRICS_TOKEN set, /metrics wants `Authorization: Bearer <token>`. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(config: AppConfig) {
    this.expected = config.metricsToken === undefined ? undefined : Buffer.from(`Bearer ${config.metricsToken}`);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === undefined) return true;
    const given = Buffer.from(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new MetricsTokenRequired();
  }
}
