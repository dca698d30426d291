import { Inject, Injectable } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { REDIS, type RedisClient } from '@mailroom/platform';
import { ServiceUnhealthy } from './monitoring.errors';

const CHECK_TIMEOUT_MS = 1500;

export interface HealthReport {
  readonly status: 'ok';
  readonly checks: Record<string, 'up'>;
}

@Injectable()
export class MonitoringService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  /** The database answers (and Redis, when configured); otherwise says which check failed. */
  async check(): Promise<HealthReport> {
    const checks: HealthIndicatorFunction[] = [() => this.typeorm.pingCheck('database', { timeout: CHECK_TIMEOUT_MS })];
    if (this.redis) checks.push(() => this.pingRedis(this.redis!));
    try {
      const result = await this.health.check(checks);
      return {
        status: 'ok',
        checks: Object.fromEntries(Object.keys(result.details).map((key) => [key, 'up' as const])),
      };
    } catch (error) {
      const details = (error as { response?: { error?: Record<string, { message?: string }> } }).response?.error ?? {};
      throw new ServiceUnhealthy(Object.fromEntries(Object.keys(details).map((key) => [key, 'down'])));
    }
  }

  private async pingRedis(redis: NonNullable<RedisClient>) {
    const indicator = this.indicators.check('redis');
    try {
      await redis.ping();
      return indicator.up();
    } catch {
      return indicator.down();
    }
  }
}
