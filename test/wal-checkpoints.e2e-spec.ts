import { WalCheckpointer } from '@mailroom/platform';
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startApp, type TestApp } from './support/app';
import { testDialect } from './support/database';

const describeSqlite = testDialect() === 'sqlite' ? describe : describe.skip;

/**
 * On SQLite the API's own connection never checkpoints the WAL (the commit that does would hold every request for
 * tens of milliseconds); a worker thread with its own connection does, every second. If that thread stops, the
 * connection takes the job back.
 */
describeSqlite('WAL checkpoints off the event loop', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startApp({ RATE_LIMIT_MAX: '0', OUTBOX_DISPATCHER: 'false' });
  });
  afterEach(() => t.close());

  const autocheckpoint = async () =>
    Number(Object.values((await t.query('PRAGMA wal_autocheckpoint'))[0] as Record<string, number>)[0]);
  const fileSize = () => statSync(t.database.url).size;
  const writeMegabytes = async (mb: number) => {
    for (let i = 0; i < mb * 4; i++)
      await t.db.write(`INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :now)`, {
        key: `filler.${Date.now()}.${i}`,
        value: 'x'.repeat(250_000),
        now: new Date(),
      });
  };
  const eventually = async (check: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return check();
  };

  it('the connection does not checkpoint; the thread copies the WAL into the file within seconds', async () => {
    expect(t.app.get(WalCheckpointer).running).toBe(true);
    expect(await autocheckpoint()).toBe(0);
    const before = fileSize();
    await writeMegabytes(6); // past SQLite's 1,000-page threshold, where a commit would checkpoint by itself
    expect(await eventually(() => fileSize() > before + 5_000_000, 5000)).toBe(true);
  });

  it('when the thread stops, the connection checkpoints for itself again', async () => {
    const checkpointer = t.app.get(WalCheckpointer);
    await (checkpointer as unknown as { thread: Worker }).thread.terminate();
    expect(await eventually(() => !checkpointer.running, 2000)).toBe(true);
    expect(await autocheckpoint()).toBe(1000);
  });
});
