/**
 * Spaces sends evenly at `rate()` per second (read on every call, so a settings change applies at once); a rate of 0
 * means no limit. Shared by all of a sender's lanes, so the limit holds across concurrent connections.
 */
export class RateLimiter {
  private nextSlot = 0;

  constructor(private readonly rate: () => number) {}

  async take(now = Date.now()): Promise<void> {
    const rate = this.rate();
    if (rate <= 0) return;
    const slot = Math.max(this.nextSlot, now);
    this.nextSlot = slot + 1000 / rate;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}
