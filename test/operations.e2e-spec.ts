import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { newContact, postJson, startApp, TEST_ENV, type TestApp } from './support/app';
import { createTestDatabase, testDialect } from './support/database';
import { exited, startApiProcess } from './support/processes';

const run = promisify(execFile);
const dist = (path: string) => resolve(__dirname, '../dist', path);
const cli = (script: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, [dist(script), ...args], { env: { ...process.env, ...TEST_ENV, ...env } }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('retention: npm run purge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_MAX: '0' });
  });
  afterAll(() => t.close());

  it('shows what it would remove with --dry-run, then removes old submissions, expired links and sessions', async () => {
    const old = new Date(Date.now() - 100 * 86_400_000);
    for (let i = 0; i < 3; i++) {
      await t.db.write(
        `INSERT INTO contact_submissions (name, email, message, created_at, updated_at)
         VALUES ('Old', 'old@example.com', 'from long ago', :old, :old)`,
        { old },
      );
    }
    await postJson(t.url, '/api/contact', newContact());
    await t.db.write(
      `INSERT INTO subscribers (email, email_key, status, created_at, updated_at)
       VALUES ('s@example.com', 's@example.com', 'pending', :now, :now)`,
      { now: new Date() },
    );
    const [subscriber] = await t.query<{ id: number }>("SELECT id FROM subscribers WHERE email = 's@example.com'");
    await t.db.write(
      `INSERT INTO subscriber_tokens (subscriber_id, purpose, token_hash, expires_at, created_at)
       VALUES (:id, 'confirm', :hash, :expired, :expired)`,
      { id: subscriber.id, hash: 'a'.repeat(64), expired: new Date(Date.now() - 1000) },
    );
    const env = { DATABASE_URL: t.database.url };

    const dry = await cli('apps/worker/src/purge.js', ['--dry-run', '--days', '30'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would remove');
    expect(dry.stdout).toContain('"contact_submissions":3');
    expect(dry.stdout).toContain('"subscriber_tokens":1');
    expect(await t.query('SELECT id FROM contact_submissions')).toHaveLength(4);

    // RETENTION_DAYS is 0 by default: submissions are kept, expired links still go.
    const kept = await cli('apps/worker/src/purge.js', [], env);
    expect(kept.stdout).toContain('"contact_submissions":0');
    expect(await t.query('SELECT id FROM subscriber_tokens')).toHaveLength(0);
    expect(await t.query('SELECT id FROM contact_submissions')).toHaveLength(4);

    const purged = await cli('apps/worker/src/purge.js', [], { ...env, RETENTION_DAYS: '30' });
    expect(purged.stdout).toContain('"contact_submissions":3');
    const left = await t.query<{ name: string }>('SELECT name FROM contact_submissions');
    expect(left.map((row) => row.name)).not.toContain('Old');
    expect(left).toHaveLength(1);
  }, 60_000);
});

const describeSqlite = testDialect() === 'sqlite' ? describe : describe.skip;

describeSqlite('backups: npm run backup / restore (SQLite)', () => {
  it('takes a consistent backup while submissions keep arriving, and restores it into a working service', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '0' });
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-backup-'));
    const backupFile = join(dir, 'backup.db');
    try {
      for (let i = 0; i < 50; i++) await postJson(t.url, '/api/contact', newContact());
      let writing = true;
      const writes = (async () => {
        let n = 0;
        while (writing) {
          expect((await postJson(t.url, '/api/contact', newContact())).status).toBe(201);
          n += 1;
        }
        return n;
      })();
      const backup = await cli('libs/platform/src/database/backup.js', ['backup', backupFile], {
        DATABASE_URL: t.database.url,
      });
      writing = false;
      await writes;
      expect(backup.code).toBe(0);
      const copied = Number(/"contact_submissions":(\d+)/.exec(backup.stdout)![1]);
      expect(copied).toBeGreaterThanOrEqual(50);

      const target = join(dir, 'restored.db');
      const restored = await cli('libs/platform/src/database/backup.js', ['restore', backupFile], {
        DATABASE_URL: target,
      });
      expect(restored.code).toBe(0);
      const again = await cli('libs/platform/src/database/backup.js', ['restore', backupFile], {
        DATABASE_URL: target,
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('--force');

      const fromBackup = await startApp(
        { RATE_LIMIT_MAX: '0' },
        { url: target, dialect: 'sqlite', drop: () => Promise.resolve() },
      );
      try {
        const [row] = await fromBackup.query<{ n: number }>('SELECT COUNT(*) AS n FROM contact_submissions');
        expect(Number(row.n)).toBe(copied);
        expect((await postJson(fromBackup.url, '/api/contact', newContact())).status).toBe(201);
      } finally {
        await fromBackup.close();
      }
      const notADatabase = await cli('libs/platform/src/database/backup.js', ['restore', join(dir, 'missing.db')], {
        DATABASE_URL: join(dir, 'other.db'),
      });
      expect(notADatabase.code).toBe(1);
      expect(notADatabase.stderr).toContain('does not exist');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('graceful shutdown of the API process', () => {
  it('on SIGTERM, a request already in flight completes, new ones are turned away, and the exit code is 0', async () => {
    const database = await createTestDatabase();
    const { child: api, url: base } = await startApiProcess({ DATABASE_URL: database.url, RATE_LIMIT_MAX: '0' });
    try {
      // A request whose body is still arriving when the signal comes.
      const body = JSON.stringify(newContact());
      const inFlight = new Promise<number>((resolveStatus, reject) => {
        const req = request(
          `${base}/api/contact`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            resolveStatus(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          api.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(10)), 300);
        }, 100);
      });
      expect(await inFlight).toBe(201);
      await exited(api);
      expect(api.exitCode).toBe(0);
      expect(
        await fetch(`${base}/health/live`).then(
          () => 'answered',
          () => 'refused',
        ),
      ).toBe('refused');
    } finally {
      api.kill('SIGKILL');
      await database.drop();
    }
  }, 60_000);
});

describe('WEB_CONCURRENCY: a clustered API', () => {
  it('serves from several processes and /metrics reports all of them together', async () => {
    const database = await createTestDatabase();
    const { child: api, url: base } = await startApiProcess({
      DATABASE_URL: database.url,
      RATE_LIMIT_MAX: '0',
      WEB_CONCURRENCY: '2',
    });
    try {
      // Fresh connections each time, so the primary hands them to both processes in turn.
      for (let i = 0; i < 20; i++) {
        const response = await postJson(base, '/api/contact', newContact(), { connection: 'close' });
        expect(response.status).toBe(201);
      }
      const metrics = await (await fetch(`${base}/metrics`, { headers: { connection: 'close' } })).text();
      expect(metrics).toMatch(/mailroom_contact_submissions_total\{outcome="accepted"\} 20\b/);
      api.kill('SIGTERM');
      await exited(api);
      expect(api.exitCode).toBe(0);
    } finally {
      api.kill('SIGKILL');
      await database.drop();
    }
  }, 60_000);
});
