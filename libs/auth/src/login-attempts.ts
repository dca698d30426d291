import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ipBucket, type RedisClient } from '@mailroom/platform';

const WINDOW_MS = 15 * 60 * 1000;
const PER_ACCOUNT_AND_IP = 10;
const PER_IP = 30;
/** Counters kept in one process's memory at most: about 10 MB, whatever a flood of usernames and addresses does. */
const MEMORY_MAX_KEYS = 50_000;

/** Usernames are checked (a string of at most 100 characters) before they get here; case does not make a new key. */
const accountKey = (username: string, ip: string) => `a:${username.toLowerCase()}|${ipBucket(ip)}`;
const ipKey = (ip: string) => `i:${ipBucket(ip)}`;

/**
 * Failed sign-ins per (account, client) and per client over a fixed 15-minute window, where a client is an IPv4
 * address or an IPv6 /64. Counting the account together with the client means an attacker elsewhere cannot lock a
 * legitimate admin out.
 */
export abstract class LoginAttempts {
  abstract isBlocked(username: string, ip: string): Promise<boolean>;
  abstract recordFailure(username: string, ip: string): Promise<void>;
  abstract recordSuccess(username: string, ip: string): Promise<void>;
}

/**
 * One process's memory: right for the single-process SQLite deployment, and Redis's fallback. Bounded: counters
 * expire with their window, and past MEMORY_MAX_KEYS the least recently used go first.
 */
export class MemoryLoginAttempts extends LoginAttempts {
  private readonly failures = new LRUCache<string, number>({ max: MEMORY_MAX_KEYS, ttl: WINDOW_MS });

  isBlocked(username: string, ip: string): Promise<boolean> {
    const account = this.failures.get(accountKey(username, ip)) ?? 0;
    const perIp = this.failures.get(ipKey(ip)) ?? 0;
    return Promise.resolve(account >= PER_ACCOUNT_AND_IP || perIp >= PER_IP);
  }

  recordFailure(username: string, ip: string): Promise<void> {
    for (const key of [accountKey(username, ip), ipKey(ip)]) {
      // The window starts with the first failure: a count keeps its original expiry when it grows.
      const count = this.failures.get(key);
      if (count === undefined) this.failures.set(key, 1);
      else this.failures.set(key, count + 1, { ttl: this.failures.getRemainingTTL(key) });
    }
    return Promise.resolve();
  }

  recordSuccess(username: string, ip: string): Promise<void> {
    this.failures.delete(accountKey(username, ip));
    return Promise.resolve();
  }

  /** How many counters are held (for the memory bound's test). */
  get size(): number {
    return this.failures.size;
  }
}

const redisKey = (key: string) => `mailroom:login-failures:${key}`;

/**
 * Shared by every instance through Redis, with the same fixed windows (INCR, then PEXPIRE NX). If Redis is
 * unreachable the counts fall back to this process's memory: sign-in keeps working and stays throttled, per process,
 * until Redis returns.
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
      await this.fallback.recordFailure(username, ip);
    }
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.fallback.recordSuccess(username, ip);
    await this.redis.del(redisKey(accountKey(username, ip))).catch((error: unknown) => this.degraded(error));
  }

  private degraded(error: unknown): void {
    this.logger.warn(`Login throttling fell back to process memory: ${(error as Error).message}`);
  }
}
