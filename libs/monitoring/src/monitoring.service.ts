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
  /** `degraded`: the database answers but Redis does not (intake works; admin sessions and shared limits wait). */
  readonly status: 'ok' | 'degraded';
  readonly checks: Record<string, 'up' | 'down'>;
}

@Injectable()
export class MonitoringService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  /**
   * GET /health, what container health checks ask: 503 only when the database is down, since nothing works without
   * it. Redis being down is reported (`degraded`) but is not a reason to restart a process that still takes
   * submissions.
   */
  async check(): Promise<HealthReport> {
    const checks = await this.run();
    if (checks.database === 'down') throw new ServiceUnhealthy({ database: 'down', ...this.failed(checks) });
    return { status: Object.values(checks).includes('down') ? 'degraded' : 'ok', checks };
  }

  /** GET /health/ready, for load balancers: 503 while any dependency (Redis included) is down. */
  async ready(): Promise<HealthReport> {
    const checks = await this.run();
    if (Object.values(checks).includes('down')) throw new ServiceUnhealthy(this.failed(checks));
    return { status: 'ok', checks };
  }

  private async run(): Promise<Record<string, 'up' | 'down'>> {
    const checks: HealthIndicatorFunction[] = [() => this.typeorm.pingCheck('database', { timeout: CHECK_TIMEOUT_MS })];
    if (this.redis) checks.push(() => this.pingRedis(this.redis!));
    try {
      const result = await this.health.check(checks);
      return Object.fromEntries(Object.keys(result.details).map((key) => [key, 'up' as const]));
    } catch (error) {
      const details =
        (error as { response?: { details?: Record<string, { status?: string }> } }).response?.details ?? {};
      return Object.fromEntries(
        Object.entries(details).map(([key, value]) => [
          key,
          value.status === 'up' ? ('up' as const) : ('down' as const),
        ]),
      );
    }
  }

  private failed(checks: Record<string, 'up' | 'down'>): Record<string, string> {
    return Object.fromEntries(Object.entries(checks).filter(([, state]) => state === 'down'));
  }

  private async pingRedis(redis: NonNullable<RedisClient>) {
    const indicator = this.indicators.check('redis');
    try {
      await Promise.race([
        redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS)),
      ]);
      return indicator.up();
    } catch {
      return indicator.down();
    }
  }
}
