import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { newContact, postJson, startApp, type TestApp } from './support/app';
import { createTestDatabase, testDialect } from './support/database';
import { addSubscriber } from './support/newsletters';
import { createServer } from 'node:net';
import { childrenOf, exited, isAlive, runApiToExit, runCli, startApiProcess } from './support/processes';
import { waitFor } from './support/wait';

const run = promisify(execFile);
const cli = runCli;
/** A count from one of the command line's tables (`what   n`). */
const countIn = (stdout: string, what: string) => Number(new RegExp(`^${what}\\s+(\\d+)$`, 'm').exec(stdout)?.[1]);

describe('retention: mailroom purge', () => {
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

    const dry = await cli(['purge', '--dry-run', '--days', '30'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would be removed');
    expect(countIn(dry.stdout, 'contact_submissions')).toBe(3);
    expect(countIn(dry.stdout, 'subscriber_tokens')).toBe(1);
    expect(await t.query('SELECT id FROM contact_submissions')).toHaveLength(4);

    // RETENTION_DAYS is 0 by default: submissions are kept, expired links still go.
    const kept = await cli(['purge'], env);
    expect(countIn(kept.stdout, 'contact_submissions')).toBe(0);
    expect(await t.query('SELECT id FROM subscriber_tokens')).toHaveLength(0);
    expect(await t.query('SELECT id FROM contact_submissions')).toHaveLength(4);

    const purged = await cli(['purge'], { ...env, RETENTION_DAYS: '30' });
    expect(countIn(purged.stdout, 'contact_submissions')).toBe(3);
    const left = await t.query<{ name: string }>('SELECT name FROM contact_submissions');
    expect(left.map((row) => row.name)).not.toContain('Old');
    expect(left).toHaveLength(1);
  }, 60_000);

  it('removes on fixed times whatever RETENTION_DAYS says: unconfirmed subscribers, used links, old budgets, mails, audit', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const insertSubscriber = async (email: string, at: Date, status = 'pending') =>
      (
        await t.db.write<{ id: number }>(
          `INSERT INTO subscribers (email, email_key, status, created_at, updated_at)
           VALUES (:email, :email, :status, :at, :at) RETURNING id`,
          { email, status, at },
        )
      )[0].id;
    await insertSubscriber('never-confirmed@example.com', daysAgo(31));
    await insertSubscriber('still-deciding@example.com', daysAgo(2));
    const reader = await insertSubscriber('reader@example.com', daysAgo(400), 'confirmed');
    await t.db.write(
      `INSERT INTO subscriber_tokens (subscriber_id, purpose, token_hash, expires_at, used_at, created_at)
       VALUES (:reader, 'manage', :used, :future, :usedAt, :usedAt), (:reader, 'unsubscribe', :live, NULL, NULL, :usedAt)`,
      { reader, used: 'b'.repeat(64), live: 'c'.repeat(64), future: daysAgo(-1), usedAt: daysAgo(2) },
    );
    await t.db.write(
      `INSERT INTO mail_budgets (address_hash, last_mail_at, window_started_at, window_count)
       VALUES (:old, NULL, :oldAt, 3), (:fresh, :now, :now, 1)`,
      { old: 'd'.repeat(64), fresh: 'e'.repeat(64), oldAt: daysAgo(2), now: new Date() },
    );
    await t.db.write(
      `INSERT INTO outbox_jobs (kind, payload, status, attempts, available_at, person_hash, created_at, processed_at)
       VALUES ('newsletter.confirm', '{}', 'sent', 1, :oldAt, :hash, :oldAt, :oldAt),
              ('newsletter.confirm', '{}', 'sent', 1, :now, :hash, :now, :now)`,
      { hash: 'f'.repeat(64), oldAt: daysAgo(31), now: new Date() },
    );
    await t.db.write(
      `INSERT INTO audit_log (actor, action, created_at) VALUES
         ('guess', 'login_failed', :month), ('guess', 'login_failed', :now), ('owner', 'setting.update', :month),
         ('owner', 'setting.update', :longAgo)`,
      { month: daysAgo(31), now: new Date(), longAgo: daysAgo(400) },
    );
    const result = await cli(['purge'], { DATABASE_URL: t.database.url });
    expect(result.code).toBe(0);
    const emails = (await t.query<{ email: string }>('SELECT email FROM subscribers')).map((r) => r.email);
    expect(emails).not.toContain('never-confirmed@example.com');
    expect(emails).toEqual(expect.arrayContaining(['still-deciding@example.com', 'reader@example.com']));
    expect((await t.query<{ purpose: string }>('SELECT purpose FROM subscriber_tokens')).map((r) => r.purpose)).toEqual(
      ['unsubscribe'],
    );
    expect(await t.query('SELECT address_hash FROM mail_budgets')).toEqual([{ address_hash: 'e'.repeat(64) }]);
    expect(
      await t.query('SELECT id FROM outbox_jobs WHERE person_hash = :hash', { hash: 'f'.repeat(64) }),
    ).toHaveLength(1);
    const audit = await t.query<{ action: string }>('SELECT action FROM audit_log ORDER BY id');
    expect(audit.map((r) => r.action)).toEqual(['login_failed', 'setting.update']);
  }, 60_000);
});

const describeSqlite = testDialect() === 'sqlite' ? describe : describe.skip;

describeSqlite('another process holding the SQLite write lock (a worker, a CLI)', () => {
  it('blocks neither the event loop nor the public pages: reads answer at once, the write waits its turn', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '0' });
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(t.database.url);
    try {
      const id = await addSubscriber(t, { email: 'reader@example.com', status: 'confirmed' });
      const token = 'M'.repeat(43);
      await t.db.write(
        `INSERT INTO subscriber_tokens (subscriber_id, purpose, token_hash, expires_at, created_at)
         VALUES (:id, 'manage', :hash, :future, :now)`,
        {
          id,
          hash: createHash('sha256').update(token).digest('hex'),
          future: new Date(Date.now() + 3_600_000),
          now: new Date(),
        },
      );
      other.exec('BEGIN IMMEDIATE');
      const write = postJson(t.url, '/api/contact', newContact());
      await new Promise((resolve) => setTimeout(resolve, 200));
      const timed = async (path: string) => {
        const started = Date.now();
        const response = await fetch(`${t.url}${path}`);
        await response.text();
        return { status: response.status, ms: Date.now() - started };
      };
      // busy_timeout used to hold the event loop for up to five seconds here.
      const live = await timed('/health/live');
      const page = await timed(`/api/newsletter/manage?token=${token}`);
      expect(live.status).toBe(200);
      expect(page.status).toBe(200);
      expect(live.ms).toBeLessThan(500);
      expect(page.ms).toBeLessThan(500);
      other.exec('COMMIT');
      expect((await write).status).toBe(201);
    } finally {
      other.close();
      await t.close();
    }
  });
});

describeSqlite('backups: mailroom backup / restore (SQLite)', () => {
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
      const backup = await cli(['backup', backupFile], {
        DATABASE_URL: t.database.url,
      });
      writing = false;
      await writes;
      expect(backup.code).toBe(0);
      const copied = countIn(backup.stdout, 'contact_submissions');
      expect(copied).toBeGreaterThanOrEqual(50);

      const target = join(dir, 'restored.db');
      const restored = await cli(['restore', backupFile], {
        DATABASE_URL: target,
      });
      expect(restored.code).toBe(0);
      const again = await cli(['restore', backupFile], {
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
      const notADatabase = await cli(['restore', join(dir, 'missing.db')], {
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

  it('exits non-zero at once when no process can start (the port is taken), instead of restarting them for ever', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const database = await createTestDatabase();
    try {
      const result = await runApiToExit(
        { DATABASE_URL: database.url, WEB_CONCURRENCY: '2', PORT: String(port) },
        30_000,
      );
      expect(result.code).toBe(1);
      expect(result.ms).toBeLessThan(15_000);
      expect(result.output).toMatch(/could not start/);
    } finally {
      blocker.close();
      await database.drop();
    }
  }, 60_000);

  it('restarts a process that crashed; SIGTERM while the restart waits exits 0 and leaves no process behind', async () => {
    const database = await createTestDatabase();
    const { child: primary, url } = await startApiProcess({ DATABASE_URL: database.url, WEB_CONCURRENCY: '2' });
    try {
      await waitFor(() => childrenOf(primary.pid!).length === 2, 20_000, 'two API processes');
      const [first] = childrenOf(primary.pid!);
      process.kill(first, 'SIGKILL');
      await waitFor(() => !childrenOf(primary.pid!).includes(first), 5000, 'the crashed process gone');
      // The other process may still be starting (two children exist before both listen): the API answers again once
      // it or the replacement listens, which is the promise; it is not asked to have answered the instant of the crash.
      await waitFor(
        async () =>
          (await fetch(`${url}/health/live`, { headers: { connection: 'close' } }).catch(() => undefined))?.status ===
          200,
        10_000,
        'the API answering after the crash',
      );
      await waitFor(() => childrenOf(primary.pid!).length === 2, 10_000, 'a replacement process');

      // Crash again: the second restart waits longer (2 s), and SIGTERM lands during that wait.
      const [again] = childrenOf(primary.pid!);
      const survivors = childrenOf(primary.pid!).filter((pid) => pid !== again);
      process.kill(again, 'SIGKILL');
      await waitFor(() => !childrenOf(primary.pid!).includes(again), 5000, 'the second crash');
      primary.kill('SIGTERM');
      await exited(primary);
      expect(primary.exitCode).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 2500)); // past the pending restart
      expect([...survivors, again].filter(isAlive)).toEqual([]);
    } finally {
      primary.kill('SIGKILL');
      await database.drop();
    }
  }, 90_000);
});

describe('start-up failures', () => {
  it('an unreachable database fails the start within seconds, with the real error', async () => {
    const result = await runApiToExit(
      { DATABASE_URL: 'postgres://mailroom@127.0.0.1:1/mailroom', SECRET_KEY: 'k'.repeat(40) },
      30_000,
    );
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.output).toMatch(/ECONNREFUSED/);
    expect(result.output).not.toMatch(/Retrying/);
  }, 40_000);

  it('a failing migration fails the start at once, naming what failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-broken-'));
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'forms.db'));
    db.exec('CREATE TABLE contact_submissions (id integer)'); // in the way of the first migration
    db.close();
    try {
      const result = await runApiToExit({ DATABASE_URL: join(dir, 'forms.db') }, 30_000);
      expect(result.code).toBe(1);
      expect(result.ms).toBeLessThan(10_000);
      expect(result.output).toMatch(/contact_submissions already exists/);
      expect(result.output).not.toMatch(/Retrying/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});

const describePostgres = testDialect() === 'postgres' ? describe : describe.skip;

describePostgres('PostgreSQL restarting under load', () => {
  it('requests caught in the gap answer 503 with Retry-After, nothing acknowledged is lost, and service resumes', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '0' });
    const statuses: number[] = [];
    const accepted: number[] = [];
    let missingRetryAfter = 0;
    let running = true;
    const load = async () => {
      while (running) {
        const response = await postJson(t.url, '/api/contact', newContact()).catch(() => undefined);
        if (!response) continue;
        statuses.push(response.status);
        if (response.status === 201) accepted.push(((await response.json()) as { id: number }).id);
        else {
          if (response.status === 503 && !response.headers.get('retry-after')) missingRetryAfter += 1;
          await response.arrayBuffer();
        }
      }
    };
    try {
      const loaders = Array.from({ length: 8 }, load);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const cluster = readdirSync('/etc/postgresql')[0];
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'restart', '-m', 'fast']);
      // Until the service takes submissions again on its own, then a little more load.
      await waitFor(() => statuses.slice(-20).filter((status) => status === 201).length === 20, 30_000, 'recovery');
      running = false;
      await Promise.all(loaders);
      expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
      // The restart really caught requests (it drops every connection), and each was told when to come back.
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
      expect(missingRetryAfter).toBe(0);
      const stored = new Set(
        (await t.query<{ id: number }>('SELECT id FROM contact_submissions')).map((row) => Number(row.id)),
      );
      expect(accepted.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      running = false;
      await t.close();
    }
  }, 90_000);
});
