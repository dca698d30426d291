import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

/** How often windows that ended are dropped, so memory follows the clients of the last window, not all of them. */
const SWEEP_EVERY_MS = 10_000;

/**
 * Per-process rate-limit counters: a fixed window per client and throttler, with the throttler's block once over the
 * limit. Each request costs one map lookup and an addition. @nestjs/throttler's own in-memory store keeps every hit's
 * expiry and filters the whole list on each request (and spreads it into Math.min), so with a generous limit each
 * request cost grows with the number of requests in the window.
 *
 * A fixed window lets a client that times its bursts send up to twice the limit across a window boundary; the block
 * that follows (a whole window by default) is what keeps the budget.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweptAt = Date.now();

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    if (now - this.sweptAt >= SWEEP_EVERY_MS) this.sweep(now);
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (!window) {
      window = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    } else if (window.expiresAt <= now && window.blockedUntil <= now) {
      window.hits = 0;
      window.expiresAt = now + ttl;
    }
    if (window.blockedUntil <= now) {
      window.hits += 1;
      if (window.hits > limit) window.blockedUntil = now + (blockDuration > 0 ? blockDuration : window.expiresAt - now);
    }
    const isBlocked = window.blockedUntil > now;
    const record: ThrottlerRecord = {
      totalHits: window.hits,
      timeToExpire: Math.max(0, Math.ceil((window.expiresAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
    return Promise.resolve(record);
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [id, window] of this.windows) {
      if (window.expiresAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }
}
