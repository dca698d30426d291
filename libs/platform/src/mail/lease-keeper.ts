/**
 * Keeps the leases a sender holds alive while it works through them, and tells it which it still holds.
 *
 * A claimed row is leased for `leaseMs`; another sender may take it once that has passed. A batch can take longer
 * than that (a low rate limit, a slow SMTP server), so the keeper renews every lease still held every third of the
 * lease. Before sending a row the sender asks `holds(id)`: true only while the lease it last renewed has more than a
 * third of its time left, so a row whose renewal failed (or was taken over) is never sent by two senders.
 */
export class LeaseKeeper {
  private readonly until = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly leaseMs: number,
    /** Extends the leases on these ids to `until`; answers the ids still held. */
    private readonly renew: (ids: number[], until: Date) => Promise<number[]>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Rows just claimed (with the lease the claim gave them). */
  track(ids: readonly number[], claimedAt = Date.now()): void {
    for (const id of ids) this.until.set(id, claimedAt + this.leaseMs);
    this.timer ??= setInterval(() => void this.renewAll(), Math.max(Math.floor(this.leaseMs / 3), 100));
    this.timer.unref();
  }

  /** Rows whose outcome is recorded (or that were handed back): no longer renewed. */
  forget(ids: readonly number[]): void {
    for (const id of ids) this.until.delete(id);
    if (this.until.size === 0) this.stop();
  }

  holds(id: number, now = Date.now()): boolean {
    const until = this.until.get(id);
    return until !== undefined && until - now > this.leaseMs / 3;
  }

  /** Waits for a renewal in flight, then stops renewing. */
  async close(): Promise<void> {
    this.stop();
    await this.renewing;
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private renewAll(): Promise<void> {
    const ids = [...this.until.keys()];
    if (ids.length === 0) return this.renewing;
    const started = Date.now();
    this.renewing = this.renew(ids, new Date(started + this.leaseMs)).then(
      (held) => {
        const still = new Set(held);
        for (const id of ids) {
          if (!this.until.has(id)) continue;
          if (still.has(id)) this.until.set(id, started + this.leaseMs);
          else this.until.delete(id);
        }
      },
      (error: Error) => this.onError(error),
    );
    return this.renewing;
  }
}
