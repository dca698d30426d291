import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import { METRIC } from '../metrics/metric-names';

/** Counts per client IP (Fastify's `request.ip`, which honours TRUST_PROXY) and records every refusal. */
@Injectable()
export class SubmissionThrottlerGuard extends ThrottlerGuard {
  @InjectMetric(METRIC.rateLimitHits) private readonly hits!: Counter<'route'>;

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve((request as unknown as FastifyRequest).ip);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    this.hits.inc({ route: request.routeOptions.url ?? 'unknown' });
    await super.throwThrottlingException(context, detail);
  }
}
