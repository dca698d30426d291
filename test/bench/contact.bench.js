// npm run bench:contact — public intake against floors measured in the same run, all loaded by autocannon with 32
// connections (BENCH_SECONDS each, 10 by default), over BENCH_ROUNDS alternating rounds (2 by default):
// - the SQLite floor (node-contact.js: bare node:http, one better-sqlite3 insert) and the no-database floor (NO_DB=1);
// - the replaced service, Flask under Gunicorn with 5 workers (flask_contact.py), when both are installed
//   (Debian: python3-flask, gunicorn); the table says so when it is skipped;
// - Mailroom's production build on SQLite: POST /api/contact and POST /api/newsletter (distinct addresses, JSON request
//   logs and metrics on, a rate limit set but never reached), and three rejections: 400 for an invalid body, the
//   honeypot's silent success, and 429 from the rate limit;
// - the same on PostgreSQL + Redis when BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set (Redis from BENCH_REDIS_URL or
//   TEST_REDIS_URL), against node-contact-pg.js's floor.
// Prints one table: req/s of each round, p99 and max latency, the ratio the targets are stated in (against the floor
// measured in the same round), and the API's RSS after start and after load.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const autocannon = require('autocannon');
const { withScratchPostgres } = require('./scratch-postgres');

const root = resolve(__dirname, '../..');
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-'));
let port = 7100;

function start(args, env, command = process.execPath) {
  port += 1;
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  return { child, port };
}

async function waitUp(server) {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`http://127.0.0.1:${server.port}/`, { method: 'HEAD' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing listening on ${server.port}`);
}

const rssMb = (child) => {
  const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return line ? Math.round(Number(line[1]) / 1024) : null;
};

let n = 0;
const BODIES = {
  contact: () => ({
    name: `Load Test ${++n}`,
    email: `load${n}@example.com`,
    message: `Hello from the load test, request ${n}.`,
    company: 'Acme',
    timeline: 'Q3',
  }),
  newsletter: () => ({ email: `reader${++n}@example.com`, name: `Reader ${n}` }),
  invalid: () => ({ name: 'No address', message: 'x' }),
  honeypot: () => ({ ...BODIES.contact(), website: 'http://spam.example' }),
};

function load(server, path, body) {
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${server.port}${path}`,
        connections: 32,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              req.body = JSON.stringify(body());
              return req;
            },
          },
        ],
      },
      (error, result) =>
        error
          ? reject(error)
          : resolvePromise({
              rps: Math.round(result.requests.average),
              p50: result.latency.p50,
              p99: result.latency.p99,
              max: result.latency.max,
              '2xx': result['2xx'],
              non2xx: result.non2xx,
              errors: result.errors,
            }),
    );
  });
}

async function floor(script, env) {
  const server = start([join(__dirname, script)], env);
  await waitUp(server);
  const result = await load(server, '/api/contact', BODIES.contact);
  server.child.kill();
  return result;
}

const FLASK =
  spawnSync('python3', ['-c', 'import flask'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('gunicorn', ['--version'], { stdio: 'ignore' }).status === 0;

/** The seed's stack as its README runs it: Gunicorn, 5 workers, one SQLite insert per submission. */
async function flask() {
  const server = start(
    ['-w', '5', '-b', `127.0.0.1:${port + 1}`, '--chdir', __dirname, '--log-level', 'warning', 'flask_contact:app'],
    { DB_FILE: join(dir, 'flask.db') },
    'gunicorn',
  );
  await waitUp(server);
  const result = await load(server, '/api/contact', BODIES.contact);
  server.child.kill();
  await new Promise((r) => server.child.once('exit', r));
  return result;
}

const MAILROOM_ENV = {
  NODE_ENV: 'production',
  SECRET_KEY: 'bench-secret-bench-secret-bench-secret',
  ADMIN_PASSWORD: 'bench-harbour-engine-42',
  ENABLE_JSON_LOGS: 'true',
  ENABLE_REQUEST_LOGS: 'true',
  DOUBLE_OPT_IN: 'true',
};

/** One Mailroom process: each route loaded in turn, RSS read after start and after the last load. */
async function mailroom(env, label, results, rss) {
  const app = start(['dist/apps/api/src/main.js'], {
    ...MAILROOM_ENV,
    ...env,
    RATE_LIMIT_MAX: '100000000', // on, with a limit the benchmark never reaches
  });
  await waitUp(app);
  rss.push({ server: label, 'after start (MB)': rssMb(app.child) });
  results[`${label} contact`] = await load(app, '/api/contact', BODIES.contact);
  results[`${label} newsletter`] = await load(app, '/api/newsletter', BODIES.newsletter);
  results[`${label} 400 invalid`] = await load(app, '/api/contact', BODIES.invalid);
  results[`${label} honeypot`] = await load(app, '/api/contact', BODIES.honeypot);
  rss.at(-1)['after load (MB)'] = rssMb(app.child);
  app.child.kill();

  // The rate limit itself: one address (the loader's) over a limit of one submission.
  const limited = start(['dist/apps/api/src/main.js'], { ...MAILROOM_ENV, ...env, RATE_LIMIT_MAX: '1' });
  await waitUp(limited);
  results[`${label} 429 limited`] = await load(limited, '/api/contact', BODIES.contact);
  limited.child.kill();
}

/** What each row is measured against: rejections against the no-database floor, the rest against their database's. */
const floorOf = (name) =>
  /400|honeypot|429/.test(name)
    ? 'no-database floor'
    : name.startsWith('postgres')
      ? 'postgres floor'
      : name.startsWith('mailroom sqlite')
        ? 'sqlite floor'
        : undefined;

async function round(pgUrl) {
  const results = {};
  const rss = [];
  results['sqlite floor'] = await floor('node-contact.js', { DB_FILE: join(dir, 'floor.db') });
  results['no-database floor'] = await floor('node-contact.js', { NO_DB: '1' });
  if (FLASK) results['flask/gunicorn (5 workers)'] = await flask();
  await mailroom({ DATABASE_URL: join(dir, 'mailroom.db') }, 'mailroom sqlite', results, rss);
  if (pgUrl) {
    results['postgres floor'] = await floor('node-contact-pg.js', { PG_URL: pgUrl });
    const redis = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL;
    await mailroom({ DATABASE_URL: pgUrl, ...(redis ? { REDIS_URL: redis } : {}) }, 'postgres', results, rss);
  }
  return { results, rss };
}

function report(rounds) {
  const rows = {};
  for (const name of Object.keys(rounds[0].results)) {
    const row = {};
    rounds.forEach(({ results }, i) => {
      const against = floorOf(name);
      const ratio = against && results[against] ? ` (${(results[name].rps / results[against].rps).toFixed(2)}×)` : '';
      row[`round ${i + 1} req/s`] = `${results[name].rps.toLocaleString()}${ratio}`;
    });
    row['p99 ms'] = rounds.map(({ results }) => results[name].p99).join(' / ');
    row['max ms'] = rounds.map(({ results }) => results[name].max).join(' / ');
    // A 400 or 429 row answers non-2xx by design (its first 429 request is still accepted).
    const refused = /400|429/.test(name);
    row['unexpected answers'] = rounds
      .map(({ results }) => results[name].errors + (refused ? results[name]['2xx'] : results[name].non2xx))
      .join(' / ');
    row['against'] = floorOf(name) ?? '';
    rows[name] = row;
  }
  if (!FLASK) rows['flask/gunicorn (5 workers)'] = { against: 'skipped: install python3-flask and gunicorn' };
  console.table(rows);
  const vsFlask = {};
  if (FLASK)
    for (const name of ['mailroom sqlite contact', 'postgres contact'])
      if (rounds[0].results[name])
        vsFlask[name] = rounds
          .map(({ results }) => `${(results[name].rps / results['flask/gunicorn (5 workers)'].rps).toFixed(2)}×`)
          .join(' / ');
  if (FLASK) console.table({ 'against Flask/Gunicorn': vsFlask });
  console.table(rounds.flatMap(({ rss }, i) => rss.map((entry) => ({ round: i + 1, ...entry }))));
}

(async () => {
  const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
  const rounds = [];
  const measure = async (pgUrl) => {
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(pgUrl));
  };
  if (process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL)
    await withScratchPostgres('mailroom_bench_intake', measure);
  else await measure(undefined);
  report(rounds);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
