import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAdmin, OWNER_PASSWORD, signIn } from './support/admin';
import { newContact, postJson, startApp, type TestApp } from './support/app';
import { createTestDatabase, testDialect, type TestDatabase } from './support/database';
import { runCli } from './support/processes';
import { TestSmtpServer } from './support/smtp';

const COMMANDS = [
  'migrate',
  'check-config',
  'send-test-email',
  'create-admin',
  'reset-password',
  'backup',
  'restore',
  'purge',
  'import-subscribers',
  'export-subscribers',
  'export-submissions',
];

describe('mailroom: usage and exit codes', () => {
  it.each(COMMANDS)('%s --help describes the command and exits 0', async (command) => {
    const result = await runCli([command, '--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: mailroom ${command}`);
  });

  it('bad usage exits 2 with the reason and the help; a failure exits 1', async () => {
    const unknown = await runCli(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await runCli(['reset-password'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'username'");
    const days = await runCli(['purge', '--days', 'soon'], {});
    expect(days.code).toBe(2);
    expect(days.stderr).toContain('--days');
    const role = await runCli(['create-admin', 'x', '--role', 'emperor'], {});
    expect(role.code).toBe(2);
    const invalid = await runCli(['check-config'], { PORT: 'eighty' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('PORT');
    expect(invalid.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('mailroom migrate and check-config', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('migrate applies every migration once, then says the schema is up to date', async () => {
    const first = await runCli(['migrate'], { DATABASE_URL: database.url });
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toContain('Applied: ContactAndOutbox');
    const again = await runCli(['migrate'], { DATABASE_URL: database.url });
    expect(again.stdout).toContain('up to date');
  });

  it('check-config prints every variable with its source, and never a secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-cli-'));
    try {
      writeFileSync(join(dir, '.env'), 'SITE_NAME=From The Dotenv File\nSMTP_PASSWORD=dotenv-smtp-secret\n');
      const result = await runCli(
        ['check-config'],
        {
          DATABASE_URL: database.url,
          SMTP_HOST: '127.0.0.1',
          SMTP_SENDER: 'forms@example.com',
          SMTP_RECIPIENTS: 'team@example.com',
          METRICS_TOKEN: 'metrics-token-secret-value',
          REDIS_URL: 'redis://:redis-url-password@127.0.0.1:6379/5',
        },
        { cwd: dir },
      );
      expect(result.code).toBe(0);
      const row = (name: string) => new RegExp(`^${name}\\s+(.+?)\\s{2,}(\\S+)$`, 'm').exec(result.stdout)?.slice(1);
      expect(row('SITE_NAME')).toEqual(['From The Dotenv File', '.env']);
      expect(row('SMTP_HOST')).toEqual(['127.0.0.1', 'environment']);
      expect(row('BODY_LIMIT')).toEqual(['65536', 'default']);
      expect(row('METRICS_TOKEN')).toEqual(['(set, hidden)', 'environment']);
      expect(row('SMTP_PASSWORD')).toEqual(['(set, hidden)', '.env']);
      for (const secret of ['dotenv-smtp-secret', 'metrics-token-secret-value', 'redis-url-password'])
        expect(result.stdout).not.toContain(secret);
      expect(result.stdout).toContain('The configuration is valid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mailroom create-admin and reset-password (the way back in)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: OWNER_PASSWORD, RATE_LIMIT_MAX: '0' });
  });
  afterAll(() => t.close());
  const env = () => ({ DATABASE_URL: t.database.url });

  it('create-admin reads the password from stdin, keeps the password policy, and is audited', async () => {
    const weak = await runCli(['create-admin', 'editor', '--role', 'admin'], env(), { input: 'short\n' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');

    const created = await runCli(['create-admin', 'editor', '--role', 'admin'], env(), {
      input: 'copper-meadow-signal-19\n',
    });
    expect([created.code, created.stdout.trim()]).toEqual([0, 'Created admin "editor".']);
    const session = await signIn(t, 'editor', 'copper-meadow-signal-19');
    expect((await session.request('/auth/session')).status).toBe(200);

    const taken = await runCli(['create-admin', 'editor'], env(), { input: 'copper-meadow-signal-19\n' });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('taken');

    const [entry] = await t.query<{ actor: string; action: string; target: string; admin_id: number | null }>(
      "SELECT actor, action, target, admin_id FROM audit_log WHERE action = 'admin.create'",
    );
    expect(entry).toMatchObject({ action: 'admin.create', target: 'admin:editor', admin_id: null });
    expect(entry.actor).toMatch(/^command line \(/);
  });

  it('reset-password lets a locked-out owner back in: new password works, old sessions end, account enabled', async () => {
    await addAdmin(t, 'forgetful', 'owner', 'the-password-they-forgot-1');
    const stolen = await signIn(t, 'forgetful', 'the-password-they-forgot-1');
    await t.db.write("UPDATE admin_users SET disabled = :yes WHERE username = 'forgetful'", { yes: true });

    const reset = await runCli(['reset-password', 'forgetful'], env(), { input: 'harbour-violet-lantern-88\n' });
    expect(reset.code).toBe(0);
    expect((await stolen.request('/auth/session')).status).toBe(401);
    await expect(signIn(t, 'forgetful', 'the-password-they-forgot-1')).rejects.toThrow('401');
    const fresh = await signIn(t, 'forgetful', 'harbour-violet-lantern-88');
    expect((await fresh.request('/auth/session')).status).toBe(200);
    const audited = await t.query("SELECT id FROM audit_log WHERE action = 'admin.password_reset'");
    expect(audited).toHaveLength(1);
    // The password never reaches the output or the audit log.
    expect(reset.stdout + reset.stderr).not.toContain('harbour-violet-lantern-88');
    const details = await t.query<{ details: string | null }>('SELECT details FROM audit_log');
    expect(JSON.stringify(details)).not.toContain('harbour-violet-lantern-88');

    const nobody = await runCli(['reset-password', 'nobody'], env(), { input: 'harbour-violet-lantern-88\n' });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No admin is called "nobody"');
    const empty = await runCli(['reset-password', 'forgetful'], env(), { input: '' });
    expect(empty.code).toBe(2);
  });
});

describe('mailroom import-subscribers, export-subscribers, export-submissions', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_MAX: '0', DOUBLE_OPT_IN: 'false' });
    dir = mkdtempSync(join(tmpdir(), 'mailroom-cli-data-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file larger than one batch with progress, dry run first, and exports it back as CSV', async () => {
    const lines = ['email,name,city'];
    for (let i = 0; i < 2500; i++) lines.push(`reader${i}@example.com,Reader ${i},"Oslo, ""Old Town""\nNorway"`);
    lines.push('not-an-address,Nobody,Nowhere');
    const file = join(dir, 'subscribers.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const env = { DATABASE_URL: t.database.url, DOUBLE_OPT_IN: 'false' };

    const dry = await runCli(['import-subscribers', file], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run');
    expect(dry.stdout).toMatch(/^create\s+2500$/m);
    expect(dry.stdout).toContain('row 2502: must be a single email address');
    expect(dry.stderr).toContain('Checked 1000 rows');
    expect(await t.query('SELECT id FROM subscribers')).toHaveLength(0);

    const applied = await runCli(['import-subscribers', file, '--apply'], env);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^create\s+2500$/m);
    const [row] = await t.query<{ n: number }>("SELECT COUNT(*) AS n FROM subscribers WHERE status = 'confirmed'");
    expect(Number(row.n)).toBe(2500);
    const [one] = await t.query<{ metadata: string }>(
      "SELECT metadata FROM subscribers WHERE email = 'reader7@example.com'",
    );
    expect(JSON.parse(one.metadata)).toEqual({ city: 'Oslo, "Old Town"\nNorway' });

    const output = join(dir, 'export.csv');
    const exported = await runCli(['export-subscribers', '--output', output], env);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('Exporting subscribers: 100% (2500 of 2500)');
    const csv = readFileSync(output, 'utf8');
    expect(csv.startsWith('id,email,name,status')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2501);

    await postJson(t.url, '/api/contact', newContact({ email: 'writer@example.com' }));
    const submissions = await runCli(['export-submissions'], env); // to stdout
    expect(submissions.code).toBe(0);
    expect(submissions.stdout).toContain('writer@example.com');
    const audit = await t.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE action IN ('subscriber.import', 'subscriber.export', 'contact.export')",
    );
    expect(new Set(audit.map((entry) => entry.action))).toEqual(
      new Set(['subscriber.import', 'subscriber.export', 'contact.export']),
    );
    for (const entry of audit) expect(entry.actor).toMatch(/^command line \(/);
  }, 60_000);

  it('a file that is not CSV with an email column fails with the reason (exit 1)', async () => {
    const file = join(dir, 'wrong.csv');
    writeFileSync(file, 'name\nAnn\n');
    const result = await runCli(['import-subscribers', file], { DATABASE_URL: t.database.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('email');
  });
});

describe('mailroom send-test-email', () => {
  let smtp: TestSmtpServer;
  let database: TestDatabase;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    database = await createTestDatabase();
    await runCli(['migrate'], { DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await smtp.stop();
    await database.drop();
  });

  it('sends one mail through the configured server and prints its answer; without SMTP it fails with the reason', async () => {
    const env = { DATABASE_URL: database.url, ...smtp.env() };
    const sent = await runCli(['send-test-email', 'ops@example.com'], env);
    expect([sent.code, sent.stderr]).toEqual([0, '']);
    expect(sent.stdout).toMatch(/Sent to ops@example.com through 127\.0\.0\.1:\d+: 250/);
    expect(smtp.received.map((mail) => mail.envelope.to)).toEqual([['ops@example.com']]);

    const off = await runCli(['send-test-email', 'ops@example.com'], { DATABASE_URL: database.url });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('SMTP_HOST is not set');
  });
});

describe('mailroom backup and restore', () => {
  it('backs up while submissions arrive and restores into a working service', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '0' });
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-cli-backup-'));
    const target = await createTestDatabase();
    try {
      for (let i = 0; i < 20; i++) await postJson(t.url, '/api/contact', newContact());
      let writing = true;
      const writes = (async () => {
        while (writing) expect((await postJson(t.url, '/api/contact', newContact())).status).toBe(201);
      })();
      const file = join(dir, testDialect() === 'postgres' ? 'mailroom.dump' : 'mailroom.db');
      const backup = await runCli(['backup', file], { DATABASE_URL: t.database.url });
      writing = false;
      await writes;
      expect([backup.code, backup.stderr.includes('Copying') || testDialect() === 'postgres']).toEqual([0, true]);
      expect(existsSync(file) && statSync(file).size > 0).toBe(true);

      const restore = await runCli(['restore', file, '--force'], { DATABASE_URL: target.url });
      expect([restore.code, restore.stderr]).toEqual([0, '']);
      const restored = await startApp({ RATE_LIMIT_MAX: '0' }, target);
      try {
        const [row] = await restored.query<{ n: number }>('SELECT COUNT(*) AS n FROM contact_submissions');
        expect(Number(row.n)).toBeGreaterThanOrEqual(20);
        expect((await postJson(restored.url, '/api/contact', newContact())).status).toBe(201);
      } finally {
        await restored.close({ keepDatabase: true });
      }
    } finally {
      await t.close();
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
