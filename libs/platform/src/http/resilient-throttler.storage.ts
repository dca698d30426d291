import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { MemoryThrottlerStorage } from './memory-throttler.storage';

type Record_ = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Counts in the shared store (Redis) and, when that store fails, in this process's memory.
 *
 * Decided: a Redis outage must not stop contact submissions, and must not switch limits off either. While Redis is
 * unreachable each process enforces the same limit on its own, so a client can get at most (limit × processes)
 * through per window. Every fallback is counted in mailroom_rate_limit_store_errors_total and logged (rate-limited).
 */
export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly memory = new MemoryThrottlerStorage();
  private lastWarning = 0;

  constructor(
    private readonly shared: ThrottlerStorage | undefined,
    private readonly onSharedError: () => void = () => undefined,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<Record_> {
    if (this.shared === undefined) return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.onSharedError();
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`Shared rate-limit store failed, counting in memory: ${(error as Error).message}`);
      }
      return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}
