import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import { METRIC } from '../metrics/metric-names';
import { clientIp, ipBucket } from './client-ip';

/** Counts per client (an IPv4 address or an IPv6 /64, see ipBucket) and records every refusal. */
@Injectable()
export class SubmissionThrottlerGuard extends ThrottlerGuard {
  @InjectMetric(METRIC.rateLimitHits) private readonly hits!: Counter<'route'>;

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(ipBucket(clientIp(request as unknown as FastifyRequest)));
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
