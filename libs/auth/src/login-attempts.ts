const WINDOW_MS = 15 * 60 * 1000;
const PER_ACCOUNT_AND_IP = 10;
const PER_IP = 30;

/**
 * Failed sign-ins per (account, IP) and per IP in a sliding 15-minute window. Counting the account together with the
 * IP means an attacker elsewhere cannot lock a legitimate admin out. Kept in process memory.
 */
export class LoginAttempts {
  private readonly failures = new Map<string, number[]>();

  isBlocked(username: string, ip: string, now = Date.now()): boolean {
    return (
      this.count(`a:${username.toLowerCase()}|${ip}`, now) >= PER_ACCOUNT_AND_IP || this.count(`i:${ip}`, now) >= PER_IP
    );
  }

  recordFailure(username: string, ip: string, now = Date.now()): void {
    for (const key of [`a:${username.toLowerCase()}|${ip}`, `i:${ip}`]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
  }

  recordSuccess(username: string, ip: string): void {
    this.failures.delete(`a:${username.toLowerCase()}|${ip}`);
  }

  private count(key: string, now: number): number {
    return this.recent(key, now).length;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}
