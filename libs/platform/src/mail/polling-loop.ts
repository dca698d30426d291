import { type BeforeApplicationShutdown, type Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const MAX_BACKOFF_MS = 30_000;
const SLOW_STOP_MS = 10_000;

/**
 * A background loop that claims work from the database: `tick()` until it finds none, then sleeps `idleDelayMs()`
 * (or until woken). Runs when the process is set to send (the API with OUTBOX_DISPATCHER, always in apps/worker);
 * stop() lets the round in hand finish. Each instance has an owner name for the leases it takes.
 */
export abstract class PollingLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  protected abstract readonly logger: Logger;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private autoStart: boolean) {}

  /** One round; returns how much it handled (0 means sleep). */
  abstract tick(): Promise<number>;

  protected abstract idleDelayMs(): number;

  /** Called once the loop has ended (after stop()), before stop() returns. */
  protected async drain(): Promise<void> {}

  protected get isRunning(): boolean {
    return this.running;
  }

  /** The worker app runs the loop whatever OUTBOX_DISPATCHER says; call before the app initialises. */
  enableAutoStart(): void {
    this.autoStart = true;
  }

  onApplicationBootstrap(): void {
    if (this.autoStart) this.start();
  }

  /**
   * Before any module's onApplicationShutdown, so the round in hand finishes and its results are written while the
   * database (closed by TypeORM's own shutdown hook) is still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.logger.log(`Started (${this.owner})`);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    // A round stuck on the database or SMTP holds up the shutdown: say so, rather than hang silently.
    const slow = setTimeout(() => this.logger.warn('Still finishing its round, shutdown waits'), SLOW_STOP_MS);
    slow.unref();
    try {
      await this.loop;
    } finally {
      clearTimeout(slow);
    }
  }

  /** Look for work now. */
  protected wakeUp(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.tick();
        failures = 0;
      } catch (error) {
        // While the database is down every round fails: back off (up to 30 s) instead of logging each poll.
        failures += 1;
        if (failures <= 3 || Number.isInteger(Math.log2(failures)))
          this.logger.error(`Round failed (${failures} in a row): ${(error as Error).message}`);
      }
      const backoff = failures === 0 ? 0 : Math.min(250 * 2 ** failures, MAX_BACKOFF_MS);
      if ((handled === 0 || failures > 0) && this.running) await this.sleep(Math.max(this.idleDelayMs(), backoff));
      // Going again at once: let requests and timers run first. On SQLite a round can settle without any I/O, and a
      // loop of promises alone would keep the event loop until the backlog is gone (a million unindexed rows kept
      // the API from answering at all).
      else await new Promise((resolve) => setImmediate(resolve));
    }
    await this.drain();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
