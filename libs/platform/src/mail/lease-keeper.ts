/**
 * Keeps the leases a sender holds alive while it works through them, and tells it which it still holds.
 *
 * A claimed row is leased for `leaseMs`; another sender may take it once that has passed. A batch can take longer
 * than that (a low rate limit, a slow SMTP server), so the keeper renews every lease still held every third of the
 * lease. Before sending a row the sender asks `holds(id)`: true only while the lease it last renewed has more than a
 * third of its time left, so a row whose renewal failed (or was taken over) is never sent by two senders.
 *
 * Each `track` is one claim. A row handed back can be claimed again by the same sender while the earlier claim's
 * bookkeeping is still in flight (its results being written, a renewal answered late), so `forget` and renewal
 * answers only touch the claim they belong to: a stale one never drops the lease of a later claim (which would leave
 * the row unsent until its lease ran out).
 */
export type Claim = number;

interface Held {
  readonly claim: Claim;
  until: number;
}

export class LeaseKeeper {
  private readonly held = new Map<number, Held>();
  private claims = 0;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly leaseMs: number,
    /** Extends the leases on these ids to `until`; answers the ids still held. */
    private readonly renew: (ids: number[], until: Date) => Promise<number[]>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Rows just claimed (with the lease the claim gave them); the answer names this claim for `forget`. */
  track(ids: readonly number[], claimedAt = Date.now()): Claim {
    const claim = ++this.claims;
    for (const id of ids) this.held.set(id, { claim, until: claimedAt + this.leaseMs });
    this.timer ??= setInterval(() => void this.renewAll(), Math.max(Math.floor(this.leaseMs / 3), 100));
    this.timer.unref();
    return claim;
  }

  /** Rows of this claim whose outcome is recorded (or that were handed back): no longer renewed. */
  forget(ids: readonly number[], claim: Claim): void {
    for (const id of ids) if (this.held.get(id)?.claim === claim) this.held.delete(id);
    if (this.held.size === 0) this.stop();
  }

  holds(id: number, now = Date.now()): boolean {
    const held = this.held.get(id);
    return held !== undefined && held.until - now > this.leaseMs / 3;
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
    const asked = [...this.held.entries()];
    if (asked.length === 0) return this.renewing;
    const started = Date.now();
    this.renewing = this.renew(
      asked.map(([id]) => id),
      new Date(started + this.leaseMs),
    ).then(
      (answer) => {
        const still = new Set(answer);
        for (const [id, held] of asked) {
          // Forgotten meanwhile, or claimed again since: this answer is about a lease that no longer matters.
          if (this.held.get(id) !== held) continue;
          if (still.has(id)) held.until = started + this.leaseMs;
          else this.held.delete(id);
        }
      },
      (error: Error) => this.onError(error),
    );
    return this.renewing;
  }
}
