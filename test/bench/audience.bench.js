// npm run bench:audience — snapshotting a 1,000,000-subscriber audience with a metadata filter (issue: under 10 s on
// both databases). Mailroom runs as deployed (the built API, production config, its sender off so the rows stay as
// snapshotted); the floor is the same INSERT … SELECT run straight on the database in the same run, so the ratio
// says what Mailroom's send path adds (the count, the lock, the transaction, the HTTP request).
// One third of the subscribers have {"plan": "pro"}; the filter picks them (about 333,000 delivery rows).
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { withScratchPostgres } = require('./scratch-postgres');

const root = resolve(__dirname, '../..');
const N = Number(process.env.BENCH_SUBSCRIBERS || 1_000_000);
const API_PORT = 5612;
const PASSWORD = 'bench-harbour-engine-42';
const FILTER = { match: 'all', conditions: [{ field: 'metadata', key: 'plan', op: 'equals', value: 'pro' }] };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const seedSql = (dialect) =>
  dialect === 'postgres'
    ? `INSERT INTO subscribers (email, email_key, metadata, status, created_at, updated_at)
       SELECT 'reader' || i || '@example.com', 'reader' || i || '@example.com',
         CASE i % 3 WHEN 0 THEN '{"plan":"pro","city":"Bristol"}' WHEN 1 THEN '{"plan":"free"}' ELSE NULL END,
         'confirmed', now(), now() FROM generate_series(1, ${N}) AS i`
    : `INSERT INTO subscribers (email, email_key, metadata, status, created_at, updated_at)
       WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${N})
       SELECT 'reader' || i || '@example.com', 'reader' || i || '@example.com',
         CASE i % 3 WHEN 0 THEN '{"plan":"pro","city":"Bristol"}' WHEN 1 THEN '{"plan":"free"}' ELSE NULL END,
         'confirmed', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now') FROM s`;

/** The floor: the snapshot statement alone, as fast as the database does it (into a scratch newsletter's rows). */
const floorSql = (dialect, newsletterId) =>
  dialect === 'postgres'
    ? `INSERT INTO deliveries (newsletter_id, subscriber_id, email, status, attempts, available_at)
       SELECT ${newsletterId}, id, email, 'pending', 0, now() FROM subscribers
        WHERE status = 'confirmed' AND (CAST(metadata AS jsonb) ->> 'plan') = 'pro'`
    : `INSERT INTO deliveries (newsletter_id, subscriber_id, email, status, attempts, available_at)
       SELECT ${newsletterId}, id, email, 'pending', 0, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM subscribers
        WHERE status = 'confirmed' AND json_extract(metadata, '$.plan') = 'pro'`;

function startApi(databaseUrl) {
  return spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SECRET_KEY: 'bench-secret-key-that-is-long-enough-1234567890',
      ADMIN_USERNAME: 'owner',
      ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(API_PORT),
      PUBLIC_URL: 'https://news.example.com',
      DATABASE_URL: databaseUrl,
      // A send needs an SMTP server configured; nothing is sent (the sender is off), so none has to listen.
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '2699',
      SMTP_SENDER: 'news@example.com',
      SMTP_RECIPIENTS: 'team@example.com',
      OUTBOX_DISPATCHER: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function session(url) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'owner', password: PASSWORD }),
  });
  const cookie = `mailroom_session=${/mailroom_session=([^;]+)/.exec(login.headers.get('set-cookie'))[1]}`;
  const { csrf_token: csrf } = await login.json();
  return async (path, body) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
}

async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function run(dialect, databaseUrl, exec) {
  const url = `http://127.0.0.1:${API_PORT}`;
  const api = startApi(databaseUrl);
  try {
    const post = await session(url); // the API migrated the database on start
    await exec(seedSql(dialect));
    const counted = await timed(() => post('/admin/api/newsletters/audience-count', { audience: FILTER }));
    const floorNewsletter = await post('/admin/api/newsletters', { subject: 'Floor', body: 'x' });
    const floor = await timed(() => exec(floorSql(dialect, floorNewsletter.id)));
    const newsletter = await post('/admin/api/newsletters', { subject: 'Pro plans', body: 'Hi', audience: FILTER });
    const sent = await timed(() =>
      post(`/admin/api/newsletters/${newsletter.id}/send`, { expected_audience: counted.result.count }),
    );
    return { count: counted.result.count, countSeconds: counted.seconds, floor: floor.seconds, send: sent };
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
}

function report(dialect, r) {
  const ok = r.send.seconds < 10;
  console.log(`\n== ${dialect}: ${N.toLocaleString()} confirmed subscribers, filter metadata.plan = "pro"`);
  console.log(`audience count: ${r.count.toLocaleString()} in ${r.countSeconds.toFixed(2)} s`);
  console.log(`floor (the INSERT … SELECT alone): ${r.floor.toFixed(2)} s`);
  console.log(
    `mailroom send (count check + snapshot + start, one request): ${r.send.seconds.toFixed(2)} s, ` +
      `audience_count ${r.send.result.audience_count.toLocaleString()} ` +
      `(${(r.floor / r.send.seconds).toFixed(2)}x the floor's speed; target < 10 s ${ok ? 'ok' : 'MISSED'})`,
  );
}

(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-audience-bench-'));
  const path = join(dir, 'bench.db');
  const Database = require('better-sqlite3');
  try {
    report(
      'sqlite',
      await run('sqlite', path, async (sql) => {
        const db = new Database(path);
        db.pragma('busy_timeout = 10000');
        db.exec(sql);
        db.close();
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await withScratchPostgres('mailroom_audience_bench', async (databaseUrl) => {
    const { Client } = require('pg');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      report('postgres', await run('postgres', databaseUrl, (sql) => client.query(sql)));
    } finally {
      await client.end();
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
