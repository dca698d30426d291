import { Logger } from '@nestjs/common';
import { PollingLoop } from './polling-loop';

/** Rounds that settle without I/O (better-sqlite3 answers synchronously), as many as a big backlog needs. */
class BacklogLoop extends PollingLoop {
  protected readonly logger = new Logger('BacklogLoop', { timestamp: false });
  rounds = 0;
  roundWhenIoRan: number | undefined;

  constructor(private readonly backlog: number) {
    super(false);
  }

  tick(): Promise<number> {
    this.rounds += 1;
    if (this.rounds >= this.backlog) void this.stop();
    return Promise.resolve(1);
  }

  protected idleDelayMs(): number {
    return 1_000;
  }
}

describe('PollingLoop', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
  });

  it('lets I/O and timers run between busy rounds instead of holding the event loop until the backlog is gone', async () => {
    const loop = new BacklogLoop(200);
    setImmediate(() => (loop.roundWhenIoRan = loop.rounds));
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await loop.stop();
    expect(loop.rounds).toBe(200);
    expect(loop.roundWhenIoRan).toBeDefined();
    expect(loop.roundWhenIoRan!).toBeLessThan(5);
  });
});
