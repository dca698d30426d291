// npm run bench:admin — the admin API at a million rows. Seeds 1,000,000 submissions and 1,000,000 subscribers on
// SQLite and (when BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set) PostgreSQL, starts the production build, and
// measures list pages, stats and a full CSV export. The reference in the same run is the list page's own SQL sent
// straight through the driver, so the ratio shows what HTTP, auth and validation add.
// Targets: list and stats p95 < 50 ms; export >= 100,000 rows/s with the API under 200 MB RSS.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { withScratchPostgres } = require('./scratch-postgres');

const root = resolve(__dirname, '../..');
const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES || 40);
const PASSWORD = 'bench-harbour-engine-42';
const DAYS = 730;

const SEED_SQL = {
  sqlite: (n) => [
    `INSERT INTO contact_submissions (name, email, message, company, status, ip, created_at, updated_at)
     WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})
     SELECT 'Visitor ' || i, 'visitor' || (i % 100000) || '@example.com', 'Message ' || i || ' about widgets and gadgets',
       CASE WHEN i % 3 = 0 THEN 'Acme ' || (i % 97) END,
       CASE i % 10 WHEN 0 THEN 'spam' WHEN 1 THEN 'archived' WHEN 2 THEN 'read' WHEN 3 THEN 'read' ELSE 'new' END,
       '127.0.0.1', strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ((${n} - i) * ${DAYS * 86400} / ${n}) || ' seconds'),
       strftime('%Y-%m-%d %H:%M:%f', 'now')
     FROM s`,
    `INSERT INTO subscribers (email, email_key, name, status, source, created_at, updated_at, unsubscribed_at)
     WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})
     SELECT 'reader' || i || '@example.org', 'reader' || i || '@example.org', 'Reader ' || i,
       CASE i % 10 WHEN 0 THEN 'pending' WHEN 1 THEN 'unsubscribed' ELSE 'confirmed' END, 'bench',
       strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ((${n} - i) * ${DAYS * 86400} / ${n}) || ' seconds'),
       strftime('%Y-%m-%d %H:%M:%f', 'now'),
       CASE WHEN i % 10 = 1 THEN strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ((${n} - i) * ${DAYS * 43200} / ${n}) || ' seconds') END
     FROM s`,
    'ANALYZE',
  ],
  postgres: (n) => [
    `INSERT INTO contact_submissions (name, email, message, company, status, ip, created_at, updated_at)
     SELECT 'Visitor ' || i, 'visitor' || (i % 100000) || '@example.com', 'Message ' || i || ' about widgets and gadgets',
       CASE WHEN i % 3 = 0 THEN 'Acme ' || (i % 97) END,
       CASE i % 10 WHEN 0 THEN 'spam' WHEN 1 THEN 'archived' WHEN 2 THEN 'read' WHEN 3 THEN 'read' ELSE 'new' END,
       '127.0.0.1', now() - make_interval(secs => (${n} - i)::float8 * ${DAYS * 86400} / ${n}), now()
     FROM generate_series(1, ${n}) AS i`,
    `INSERT INTO subscribers (email, email_key, name, status, source, created_at, updated_at, unsubscribed_at)
     SELECT 'reader' || i || '@example.org', 'reader' || i || '@example.org', 'Reader ' || i,
       CASE i % 10 WHEN 0 THEN 'pending' WHEN 1 THEN 'unsubscribed' ELSE 'confirmed' END, 'bench',
       now() - make_interval(secs => (${n} - i)::float8 * ${DAYS * 86400} / ${n}), now(),
       CASE WHEN i % 10 = 1 THEN now() - make_interval(secs => (${n} - i)::float8 * ${DAYS * 43200} / ${n}) END
     FROM generate_series(1, ${n}) AS i`,
    'ANALYZE',
  ],
};

const LIST_SQL = 'SELECT * FROM contact_submissions ORDER BY created_at DESC, id DESC LIMIT 25 OFFSET 0';

const SCENARIOS = [
  ['submissions, first page', '/admin/api/contact'],
  ['submissions, status filter', '/admin/api/contact?status=new'],
  ['submissions, email filter', '/admin/api/contact?email=visitor4242@example.com'],
  ['submissions, date range (one week)', `/admin/api/contact?date_from=${daysAgo(60)}&date_to=${daysAgo(53)}`],
  ['submissions, sorted by name', '/admin/api/contact?sort_by=name&sort_order=asc'],
  ['submissions, deep page (offset 500k)', '/admin/api/contact?page=5000&per_page=100'],
  ['submissions, page 5,001 by cursor', afterDeepPage('/admin/api/contact')],
  ['submissions, text search', '/admin/api/contact?q=Message%204242%20about'],
  ['subscribers, first page', '/admin/api/newsletter'],
  ['subscribers, status filter', '/admin/api/newsletter?status=unsubscribed'],
  ['subscribers, deep page (offset 500k)', '/admin/api/newsletter?page=5000&per_page=100'],
  ['subscribers, page 5,001 by cursor', afterDeepPage('/admin/api/newsletter')],
  ['subscribers, search', '/admin/api/newsletter?q=reader4242'],
  ['stats, 30 days', '/admin/api/stats'],
  ['stats, 365 days', `/admin/api/stats?from=${daysAgo(364)}`],
];

/** The page after page 5,000, reached as the dashboard does: by the cursor page 5,000 answered. */
function afterDeepPage(list) {
  return async (get) => {
    const { next_cursor } = await (await get(`${list}?page=5000&per_page=100`)).json();
    return `${list}?per_page=100&cursor=${next_cursor}`;
  };
}

function daysAgo(n) {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const ms = (v) => `${v.toFixed(1)} ms`;

async function waitUp(url) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`API at ${url} did not start`);
}

function startApi(env, port) {
  return spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SECRET_KEY: 'bench-secret-key-that-is-long-enough-1234567890',
      ADMIN_USERNAME: 'owner',
      ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      ENABLE_REQUEST_LOGS: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function signIn(url) {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'owner', password: PASSWORD }),
  });
  const cookie = /mailroom_session=([^;]+)/.exec(response.headers.get('set-cookie'))[1];
  return { cookie: `mailroom_session=${cookie}` };
}

async function timeIt(fn) {
  const times = [];
  await fn(); // warm-up
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

const rssMb = (pid, field = 'VmHWM') => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024;
};

async function benchDialect(dialect, databaseUrl, driver) {
  const port = 5600 + (dialect === 'sqlite' ? 1 : 2);
  const url = `http://127.0.0.1:${port}`;
  console.log(`\n== ${dialect}: seeding ${ROWS.toLocaleString()} submissions and subscribers`);
  let api = startApi({ DATABASE_URL: databaseUrl }, port);
  await waitUp(url); // migrations have run
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  const seedStart = Date.now();
  for (const sql of SEED_SQL[dialect](ROWS)) await driver.exec(sql);
  console.log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  api = startApi({ DATABASE_URL: databaseUrl }, port);
  await waitUp(url);
  if (dialect === 'sqlite') {
    // Rows seeded behind the app's back are indexed for search by its background indexer: wait for it, and say how
    // fast it went (it is what an upgrade of a big database goes through once).
    const indexStart = Date.now();
    const behind = () =>
      driver.query(`SELECT
        (SELECT MAX(id) FROM contact_submissions) - (SELECT indexed_up_to FROM search_index_state WHERE index_name = 'contact_search')
        + (SELECT MAX(id) FROM subscribers) - (SELECT indexed_up_to FROM search_index_state WHERE index_name = 'subscriber_search') AS n`);
    while ((await behind())[0].n > 0) await new Promise((r) => setTimeout(r, 500));
    const seconds = (Date.now() - indexStart) / 1000;
    console.log(
      `search index caught up in ${seconds.toFixed(1)} s (${Math.round((2 * ROWS) / seconds).toLocaleString()} rows/s)`,
    );
  }
  const { cookie } = await signIn(url);
  const get = async (path) => {
    const response = await fetch(`${url}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  };

  const reference = await timeIt(() => driver.query(LIST_SQL));
  console.log(
    `reference (list page SQL through the driver): p50 ${ms(pct(reference, 50))}, p95 ${ms(pct(reference, 95))}`,
  );
  const results = [];
  console.log(`API RSS after start: ${rssMb(api.pid, 'VmRSS').toFixed(0)} MB`);
  for (const [name, scenario] of SCENARIOS) {
    const path = typeof scenario === 'function' ? await scenario(get) : scenario;
    const times = await timeIt(async () => (await get(path)).arrayBuffer());
    const p95 = pct(times, 95);
    results.push({ name, p50: pct(times, 50), p95 });
    console.log(
      `${name.padEnd(40)} p50 ${ms(pct(times, 50)).padStart(10)}  p95 ${ms(p95).padStart(10)}  ` +
        `${(p95 / pct(reference, 95)).toFixed(1).padStart(6)}x ref  ${p95 < 50 ? 'ok' : 'OVER 50 ms'}`,
    );
  }

  console.log(
    `API RSS after the list and stats calls: ${rssMb(api.pid, 'VmRSS').toFixed(0)} MB (peak ${rssMb(api.pid).toFixed(0)} MB)`,
  );
  for (const [name, path, rows] of [
    ['submissions', '/admin/api/contact/export.csv', ROWS],
    ['subscribers', '/admin/api/newsletter/export.csv', ROWS],
  ]) {
    const start = Date.now();
    const response = await get(path);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines += 1;
    }
    const seconds = (Date.now() - start) / 1000;
    const rate = (lines - 1) / seconds;
    console.log(
      `export ${name}: ${(lines - 1).toLocaleString()} rows (expected ${rows.toLocaleString()}), ` +
        `${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString()} rows/s ` +
        `${rate >= 100_000 ? 'ok' : 'UNDER 100k rows/s'}`,
    );
  }
  const rss = rssMb(api.pid);
  console.log(`API peak RSS over the whole run: ${rss.toFixed(0)} MB ${rss < 200 ? 'ok' : 'OVER 200 MB'}`);
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  return results;
}

async function sqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-admin-bench-'));
  const path = join(dir, 'bench.db');
  const Database = require('better-sqlite3');
  let db;
  const driver = {
    exec: (sql) => {
      db ??= new Database(path);
      db.exec(sql);
    },
    query: (sql) => {
      db ??= new Database(path);
      return db.prepare(sql).all();
    },
  };
  try {
    await benchDialect('sqlite', path, driver);
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres() {
  await withScratchPostgres('mailroom_bench', async (url) => {
    const { Client } = require('pg');
    const client = new Client({ connectionString: url });
    let connected = false;
    const driver = {
      exec: async (sql) => {
        if (!connected) await client.connect();
        connected = true;
        await client.query(sql);
      },
      query: async (sql) => (await client.query(sql)).rows,
    };
    try {
      await benchDialect('postgres', url, driver);
    } finally {
      if (connected) await client.end();
    }
  });
}

(async () => {
  await sqlite();
  await postgres();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
