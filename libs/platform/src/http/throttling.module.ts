import { Global, Module } from '@nestjs/common';
import { ThrottlerModule, seconds } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { METRIC } from '../metrics/metric-names';
import { REDIS, type RedisClient } from '../redis/redis.module';
import { OriginGuard } from './origin.guard';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';
import { SubmissionThrottlerGuard } from './submission.throttler-guard';

/** Per-IP limits for public writes: in memory by default, in Redis (shared by every process) with REDIS_URL. */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS, getToken(METRIC.rateLimitStoreErrors)],
      useFactory: (config: AppConfig, redis: RedisClient, storeErrors: Counter) => ({
        // The throttler is named "default" so the 429 carries a plain Retry-After header.
        // Read on every request, so a changed setting applies to the next one.
        throttlers: [
          { name: 'default', ttl: () => seconds(config.rateLimit.windowSeconds), limit: () => config.rateLimit.max },
        ],
        skipIf: () => config.rateLimit.max === 0,
        storage: new ResilientThrottlerStorage(redis && new ThrottlerStorageRedisService(redis), () =>
          storeErrors.inc(),
        ),
      }),
    }),
  ],
  providers: [OriginGuard, SubmissionThrottlerGuard],
  exports: [OriginGuard, SubmissionThrottlerGuard],
})
export class ThrottlingModule {}
