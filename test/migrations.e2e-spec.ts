import { DataSource } from 'typeorm';
import { addressHash, dataSourceOptions, parseDatabaseUrl, runMigrations } from '@mailroom/platform';
import { bindNamed } from '../libs/platform/src/database/named-parameters';
import { MIGRATIONS } from '../libs/platform/src/database/migrations';
import { OneClock1732900000000 } from '../libs/platform/src/database/migrations/1732900000000-one-clock';
import { SqliteQuotedSchema1733100000000 } from '../libs/platform/src/database/migrations/1733100000000-sqlite-quoted-schema';
import { createTestDatabase, testDialect, type TestDatabase } from './support/database';

const AT = 1_700_000_000_123; // 2023-11-14T22:13:20.123Z
const LATER = AT + 86_400_000;

/** A database migrated up to (not including) `until`, and a way to query it with :named parameters. */
async function migratedUpTo(database: TestDatabase, until: unknown) {
  const target = parseDatabaseUrl(database.url, process.cwd());
  const migrations = MIGRATIONS.slice(0, MIGRATIONS.indexOf(until as (typeof MIGRATIONS)[number]));
  const dataSource = await new DataSource({ ...dataSourceOptions({ database: target }), migrations }).initialize();
  await runMigrations(dataSource);
  const dialect = database.dialect;
  const q = <T = Record<string, unknown>>(sql: string, params: Record<string, unknown> = {}) =>
    dataSource.query<T[]>(...bindNamed(sql, params, dialect));
  return { dataSource, q };
}

/** The same database with every migration applied, and a way to query it. */
async function fullyMigrated(database: TestDatabase) {
  const target = parseDatabaseUrl(database.url, process.cwd());
  const current = await new DataSource(dataSourceOptions({ database: target })).initialize();
  await runMigrations(current);
  const q = <T = Record<string, unknown>>(sql: string, params: Record<string, unknown> = {}) =>
    current.query<T[]>(...bindNamed(sql, params, database.dialect));
  return { current, q };
}

describe('migrations on a database with data in it', () => {
  let database: TestDatabase;
  afterEach(() => database.drop());

  it('one clock and subscriber identity keep every instant, merge case variants and carry the budgets over', async () => {
    database = await createTestDatabase();
    const old = await migratedUpTo(database, OneClock1732900000000);
    const stamp = '2024-01-01 00:00:00.000';
    const insert = async (table: string, values: Record<string, unknown>) => {
      const columns = Object.keys(values);
      const [row] = await old.q<{ id: number }>(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `:${c}`).join(', ')}) RETURNING id`,
        values,
      );
      return Number(row.id);
    };
    const subscriber = (email: string, status: string, extra: Record<string, unknown> = {}) =>
      insert('subscribers', { email, status, created_at: stamp, updated_at: stamp, ...extra });
    // Three spellings of one mailbox: confirmed in 2024, unsubscribed in 2025 (the last decision), and pending.
    const confirmed = await subscriber('Ann@example.com', 'confirmed', {
      confirmed_at: '2024-01-01 00:00:00.000',
      last_mail_at: AT,
      mail_window_start: AT,
      mail_window_count: 2,
    });
    const unsubscribed = await subscriber('ann@example.com', 'unsubscribed', {
      confirmed_at: '2024-01-01 00:00:00.000',
      unsubscribed_at: '2025-01-01 00:00:00.000',
      name: 'Ann',
    });
    await subscriber('ANN@example.com', 'pending');
    const other = await subscriber('bob@example.com', 'confirmed');
    const newsletter = await insert('newsletters', {
      subject: 'Old issue',
      body: 'x',
      created_at: stamp,
      updated_at: stamp,
    });
    for (const subscriberId of [confirmed, other])
      await insert('deliveries', {
        newsletter_id: newsletter,
        subscriber_id: subscriberId,
        email: 'x@example.com',
        status: 'sent',
        available_at: AT,
        finished_at: LATER,
      });
    await insert('subscriber_tokens', {
      subscriber_id: other,
      purpose: 'change_email',
      token_hash: 'a'.repeat(64),
      payload: 'New.Bob@example.com',
      expires_at: LATER,
      created_at: AT,
    });
    await insert('outbox_jobs', {
      kind: 'newsletter.confirm',
      payload: JSON.stringify({ to: ['bob@example.com'], subject: 'Confirm', text: 'x' }),
      status: 'pending',
      attempts: 0,
      available_at: AT,
      lease_expires_at: LATER,
    });
    await insert('contact_submissions', {
      name: 'Bob',
      email: 'Bob@Example.com',
      message: 'Hi',
      created_at: stamp,
      updated_at: stamp,
    });
    await old.q('INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :at)', {
      key: 'SITE_NAME',
      value: '"Old"',
      at: AT,
    });
    await old.dataSource.destroy();

    const { current, q } = await fullyMigrated(database);
    const instant = (value: unknown) =>
      value instanceof Date ? value.getTime() : new Date(`${String(value).replace(' ', 'T')}Z`).getTime();
    try {
      const [job] = await q<Record<string, unknown>>('SELECT * FROM outbox_jobs');
      expect([instant(job.available_at), instant(job.lease_expires_at)]).toEqual([AT, LATER]);
      expect(job.person_hash).toBe(addressHash('bob@example.com'));
      const [token] = await q<Record<string, unknown>>('SELECT * FROM subscriber_tokens');
      expect([instant(token.created_at), instant(token.expires_at), token.used_at]).toEqual([AT, LATER, null]);
      expect(JSON.parse(String(token.payload))).toEqual({ email: 'New.Bob@example.com', key: 'new.bob@example.com' });
      const [setting] = await q<Record<string, unknown>>('SELECT updated_at FROM settings');
      expect(instant(setting.updated_at)).toBe(AT);
      const deliveries = await q<Record<string, unknown>>('SELECT * FROM deliveries ORDER BY id');
      expect(deliveries.map((d) => [instant(d.available_at), instant(d.finished_at)])).toEqual([
        [AT, LATER],
        [AT, LATER],
      ]);

      // The spellings are one subscriber now: the one whose owner decided last (unsubscribed in 2025).
      const ann = await q<Record<string, unknown>>("SELECT * FROM subscribers WHERE email_key = 'ann@example.com'");
      expect(ann).toHaveLength(1);
      expect(ann[0]).toMatchObject({ email: 'ann@example.com', status: 'unsubscribed', name: 'Ann' });
      expect(Number(ann[0].id)).toBe(unsubscribed);
      // The merged-away row's delivery history moved to the survivor.
      expect(deliveries.map((d) => Number(d.subscriber_id)).sort()).toEqual([unsubscribed, other].sort());
      const [budget] = await q<Record<string, unknown>>('SELECT * FROM mail_budgets');
      expect(budget).toMatchObject({ address_hash: addressHash('ann@example.com'), window_count: 2 });
      expect(instant(budget.window_started_at)).toBe(AT);
      const [contact] = await q<Record<string, unknown>>('SELECT person_hash FROM contact_submissions');
      expect(contact.person_hash).toBe(addressHash('bob@example.com'));
    } finally {
      await current.destroy();
    }
  });

  const onSqlite = testDialect() === 'sqlite' ? it : it.skip;

  onSqlite(
    'the quoted-schema rebuild keeps rows, id sequences, foreign keys, indexes and the search triggers',
    async () => {
      database = await createTestDatabase();
      const old = await migratedUpTo(database, SqliteQuotedSchema1733100000000);
      const now = '2024-01-01 00:00:00.000';
      await old.q(
        "INSERT INTO subscribers (email, email_key, status) VALUES ('ann@example.com', 'ann@example.com', 'confirmed')",
      );
      const [{ id: ann }] = await old.q<{ id: number }>('SELECT id FROM subscribers');
      await old.q(
        "INSERT INTO subscriber_tokens (subscriber_id, purpose, token_hash, created_at) VALUES (:ann, 'manage', :hash, :now)",
        { ann, hash: 'b'.repeat(64), now },
      );
      for (const name of ['Harbour master', 'Lighthouse keeper', 'Ferry captain'])
        await old.q("INSERT INTO contact_submissions (name, email, message) VALUES (:name, 'x@example.com', 'hello')", {
          name,
        });
      // The highest id is deleted: the next submission must not get it again.
      await old.q("DELETE FROM contact_submissions WHERE name = 'Ferry captain'");
      await old.dataSource.destroy();

      const { current, q } = await fullyMigrated(database);
      try {
        const [{ sql }] = await q<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'subscriber_tokens'");
        expect(sql).toContain('CONSTRAINT "fk_subscriber_tokens_subscriber" FOREIGN KEY ("subscriber_id")');
        expect(sql).toContain('CONSTRAINT "ck_subscriber_tokens_purpose" CHECK');
        expect(await q('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(await q('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
        const indexes = await q<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contact_submissions' AND sql IS NOT NULL ORDER BY name",
        );
        expect(indexes.map((index) => index.name)).toContain('ix_contact_submissions_person');

        expect(await q('SELECT name FROM contact_submissions ORDER BY id')).toEqual([
          { name: 'Harbour master' },
          { name: 'Lighthouse keeper' },
        ]);
        await q("INSERT INTO contact_submissions (name, email, message) VALUES ('Pilot', 'p@example.com', 'hi')");
        const ids = await q<{ id: number }>('SELECT id FROM contact_submissions ORDER BY id');
        expect(ids.map((row) => Number(row.id))).toEqual([1, 2, 4]);
        // The search index survived the rebuild; rows since are left to the background indexer (above its mark).
        expect(await q('SELECT rowid FROM contact_search WHERE contact_search MATCH \'"hthouse"\'')).toEqual([
          { rowid: 2 },
        ]);
        expect(await q("SELECT indexed_up_to FROM search_index_state WHERE index_name = 'contact_search'")).toEqual([
          { indexed_up_to: 2 },
        ]);
        // The foreign key still cascades, and still refuses an orphan.
        await q('DELETE FROM subscribers WHERE id = :ann', { ann });
        expect(await q('SELECT id FROM subscriber_tokens')).toEqual([]);
        await expect(
          q(
            "INSERT INTO subscriber_tokens (subscriber_id, purpose, token_hash, created_at) VALUES (999, 'manage', :hash, :now)",
            {
              hash: 'c'.repeat(64),
              now,
            },
          ),
        ).rejects.toThrow(/FOREIGN KEY/);
      } finally {
        await current.destroy();
      }
    },
  );
});
