// npm run bench:send — one newsletter to 100,000 confirmed subscribers through a local SMTP sink, against the floor
// measured in the same run: a bare pooled nodemailer loop (smtp-blast.js) sending the same number of messages.
// Mailroom runs as it is deployed for scale: the API (answering admin list requests throughout, whose latency is
// reported) and one worker process, on SQLite and (with BENCH_POSTGRES_URL or TEST_POSTGRES_URL) PostgreSQL.
// Targets: >= 0.7x the floor with every delivery row persisted; worker RSS < 300 MB; admin list p99 < 100 ms.
'use strict';
const { fork, spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { withScratchPostgres } = require('./scratch-postgres');

const root = resolve(__dirname, '../..');
const N = Number(process.env.BENCH_MESSAGES || 100_000);
const CONNS = Number(process.env.BENCH_CONNECTIONS || 10);
const SMTP_PORT = 2626;
const API_PORT = 5611;
const PASSWORD = 'bench-harbour-engine-42';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
const peakRssMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function startSink() {
  const sink = fork(join(__dirname, 'smtp-sink.js'), [], { env: { ...process.env, SMTP_PORT: String(SMTP_PORT) } });
  await new Promise((r) => sink.once('message', r));
  sink.count = () =>
    new Promise((r) => {
      sink.once('message', (m) => r(m.count));
      sink.send('count');
    });
  return sink;
}

async function floor() {
  const child = spawn(process.execPath, [join(__dirname, 'smtp-blast.js')], {
    env: { ...process.env, N: String(N), CONNS: String(CONNS), SMTP_PORT: String(SMTP_PORT) },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((r) => child.once('exit', r));
  return JSON.parse(out.trim().split('\n').pop());
}

const ENV = {
  NODE_ENV: 'production',
  SECRET_KEY: 'bench-secret-key-that-is-long-enough-1234567890',
  ADMIN_USERNAME: 'owner',
  ADMIN_PASSWORD: PASSWORD,
  LOG_LEVEL: 'warn',
  ENABLE_REQUEST_LOGS: 'false',
  HOST: '127.0.0.1',
  PUBLIC_URL: 'https://news.example.com',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(SMTP_PORT),
  SMTP_USE_TLS: 'false',
  SMTP_SENDER: 'news@example.com',
  SMTP_RECIPIENTS: 'team@example.com',
  NEWSLETTER_CONCURRENCY: String(CONNS),
  NEWSLETTER_BATCH_SIZE: '500',
};

function start(main, env) {
  return spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, ...ENV, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUp(url) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error('API did not start');
}

async function mailroom(dialect, databaseUrl, exec, sink) {
  const url = `http://127.0.0.1:${API_PORT}`;
  // The API alone sends nothing here (OUTBOX_DISPATCHER=false): the worker process does, as in a scaled deployment.
  const api = start('dist/apps/api/src/main.js', {
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    OUTBOX_DISPATCHER: 'false',
  });
  await waitUp(url);
  await exec(
    dialect === 'postgres'
      ? `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at)
       SELECT 'reader' || i || '@example.com', 'reader' || i || '@example.com', 'Reader ' || i, 'confirmed', now(), now() FROM generate_series(1, ${N}) AS i`
      : `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at)
       WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${N})
       SELECT 'reader' || i || '@example.com', 'reader' || i || '@example.com', 'Reader ' || i, 'confirmed', strftime('%Y-%m-%d %H:%M:%f', 'now'),
         strftime('%Y-%m-%d %H:%M:%f', 'now') FROM s`,
  );
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'owner', password: PASSWORD }),
  });
  const cookie = `mailroom_session=${/mailroom_session=([^;]+)/.exec(login.headers.get('set-cookie'))[1]}`;
  const { csrf_token: csrf } = await login.json();
  const call = (path, method = 'GET', body) =>
    fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const created = await (
    await call('/admin/api/newsletters', 'POST', {
      subject: 'Issue 42 for {{name}}',
      body: 'Hello {{name}},\n\nThis is the newsletter body.\n\n[Unsubscribe]({{unsubscribe_url}})',
    })
  ).json();

  const worker = start('dist/apps/worker/src/main.js', { DATABASE_URL: databaseUrl });
  await sleep(1500); // the worker is up and idle
  const startedAt = Date.now();
  const sending = await call(`/admin/api/newsletters/${created.id}/send`, 'POST', {});
  if (sending.status !== 202) throw new Error(`send: ${sending.status} ${await sending.text()}`);

  // Admin list requests throughout the send, one after another, as a dashboard would make them.
  const latencies = [];
  let status = 'sending';
  let polls = 0;
  while (status !== 'sent') {
    const t0 = process.hrtime.bigint();
    const list = await call('/admin/api/newsletter?per_page=20');
    await list.arrayBuffer();
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (++polls % 10 === 0) status = (await (await call(`/admin/api/newsletters/${created.id}`)).json()).status;
    await sleep(20);
    if (Date.now() - startedAt > 30 * 60_000) throw new Error('send did not finish in 30 minutes');
  }
  const seconds = (Date.now() - startedAt) / 1000;
  const detail = await (await call(`/admin/api/newsletters/${created.id}`)).json();
  const received = await sink.count();
  const rss = peakRssMb(worker.pid);
  worker.kill('SIGTERM');
  api.kill('SIGTERM');
  await Promise.all([worker, api].map((p) => new Promise((r) => p.once('exit', r))));
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    perSecond: N / seconds,
    counts: detail.progress.counts,
    received,
    rss,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    samples: latencies.length,
  };
}

function report(dialect, result, reference) {
  const ratio = result.perSecond / reference.per_second;
  console.log(`\n== ${dialect}`);
  console.log(
    `mailroom: ${N.toLocaleString()} messages in ${result.seconds.toFixed(1)} s = ${Math.round(result.perSecond)} msg/s ` +
      `(${ratio.toFixed(2)}x the floor; target >= 0.7x ${ratio >= 0.7 ? 'ok' : 'MISSED'})`,
  );
  console.log(`delivery rows: ${JSON.stringify(result.counts)}; the sink received ${result.received.toLocaleString()}`);
  console.log(`worker peak RSS: ${result.rss.toFixed(0)} MB (target < 300 MB ${result.rss < 300 ? 'ok' : 'MISSED'})`);
  console.log(
    `admin list during the send: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms over ${result.samples} requests ` +
      `(target p99 < 100 ms ${result.p99 < 100 ? 'ok' : 'MISSED'})`,
  );
}

(async () => {
  const sink = await startSink();
  try {
    const reference = await floor();
    console.log(
      `floor (bare pooled nodemailer, ${CONNS} connections): ${reference.sent.toLocaleString()} in ${reference.seconds} s = ${reference.per_second} msg/s`,
    );

    const dir = mkdtempSync(join(tmpdir(), 'mailroom-send-bench-'));
    const Database = require('better-sqlite3');
    const path = join(dir, 'bench.db');
    try {
      sink.send('reset');
      const result = await mailroom(
        'sqlite',
        path,
        (sql) => {
          const db = new Database(path);
          db.pragma('busy_timeout = 5000');
          db.exec(sql);
          db.close();
        },
        sink,
      );
      report('sqlite', result, reference);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    await withScratchPostgres('mailroom_send_bench', async (url) => {
      const { Client } = require('pg');
      sink.send('reset');
      const result = await mailroom(
        'postgres',
        url,
        async (sql) => {
          const client = new Client({ connectionString: url });
          await client.connect();
          await client.query(sql);
          await client.end();
        },
        sink,
      );
      report('postgres', result, reference);
    });
  } finally {
    sink.kill('SIGTERM');
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
