import { Logger } from '@nestjs/common';
import type { RedisClient } from '@mailroom/platform';

const WINDOW_MS = 15 * 60 * 1000;
const PER_ACCOUNT_AND_IP = 10;
const PER_IP = 30;

const accountKey = (username: string, ip: string) => `a:${username.toLowerCase()}|${ip}`;
const ipKey = (ip: string) => `i:${ip}`;

/**
 * Failed sign-ins per (account, IP) and per IP over 15 minutes. Counting the account together with the IP means an
 * attacker elsewhere cannot lock a legitimate admin out.
 */
export abstract class LoginAttempts {
  abstract isBlocked(username: string, ip: string): Promise<boolean>;
  abstract recordFailure(username: string, ip: string): Promise<void>;
  abstract recordSuccess(username: string, ip: string): Promise<void>;
}

/** One process's memory, with a sliding window: right for the single-process SQLite deployment. */
export class MemoryLoginAttempts extends LoginAttempts {
  private readonly failures = new Map<string, number[]>();

  isBlocked(username: string, ip: string, now = Date.now()): Promise<boolean> {
    return Promise.resolve(
      this.recent(accountKey(username, ip), now).length >= PER_ACCOUNT_AND_IP ||
        this.recent(ipKey(ip), now).length >= PER_IP,
    );
  }

  recordFailure(username: string, ip: string, now = Date.now()): Promise<void> {
    for (const key of [accountKey(username, ip), ipKey(ip)]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
    return Promise.resolve();
  }

  recordSuccess(username: string, ip: string): Promise<void> {
    this.failures.delete(accountKey(username, ip));
    return Promise.resolve();
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}

const redisKey = (key: string) => `mailroom:login-failures:${key}`;

/**
 * Shared by every instance through Redis (a fixed 15-minute window per key). If Redis is unreachable the counts fall
 * back to this process's memory: sign-in keeps working and stays throttled, per process, until Redis returns.
 */
export class RedisLoginAttempts extends LoginAttempts {
  private readonly logger = new Logger(RedisLoginAttempts.name);
  private readonly fallback = new MemoryLoginAttempts();

  constructor(private readonly redis: NonNullable<RedisClient>) {
    super();
  }

  async isBlocked(username: string, ip: string): Promise<boolean> {
    try {
      const [account, perIp] = await this.redis.mget(redisKey(accountKey(username, ip)), redisKey(ipKey(ip)));
      return Number(account ?? 0) >= PER_ACCOUNT_AND_IP || Number(perIp ?? 0) >= PER_IP;
    } catch (error) {
      this.degraded(error);
      return this.fallback.isBlocked(username, ip);
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    try {
      const pipeline = this.redis.multi();
      for (const key of [accountKey(username, ip), ipKey(ip)]) {
        pipeline.incr(redisKey(key)).pexpire(redisKey(key), WINDOW_MS, 'NX');
      }
      await pipeline.exec();
    } catch (error) {
      this.degraded(error);
    }
    await this.fallback.recordFailure(username, ip);
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.fallback.recordSuccess(username, ip);
    await this.redis.del(redisKey(accountKey(username, ip))).catch((error: unknown) => this.degraded(error));
  }

  private degraded(error: unknown): void {
    this.logger.warn(`Login throttling fell back to process memory: ${(error as Error).message}`);
  }
}
