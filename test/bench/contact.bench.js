// npm run bench:contact — public intake against floors measured in the same run, all loaded by autocannon with 32
// connections (BENCH_SECONDS each, 10 by default):
// - the SQLite floor (node-contact.js: bare node:http, one better-sqlite3 insert) and the no-database floor (NO_DB=1);
// - Mailroom's production build on SQLite: POST /api/contact and POST /api/newsletter (distinct addresses, JSON request
//   logs and metrics on, a rate limit set but never reached), and three rejections: 400 for an invalid body, the
//   honeypot's silent success, and 429 from the rate limit;
// - the same on PostgreSQL when BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set (against node-contact-pg.js's floor).
// Prints req/s, p50/p99/max latency, the ratios the targets are stated in, and the API's RSS after start and after load.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const autocannon = require('autocannon');
const { withScratchPostgres } = require('./scratch-postgres');

const root = resolve(__dirname, '../..');
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-'));
let port = 7100;

function start(args, env) {
  port += 1;
  const child = spawn(process.execPath, args, {
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

const MAILROOM_ENV = {
  NODE_ENV: 'production',
  SECRET_KEY: 'bench-secret-bench-secret-bench-secret',
  ADMIN_PASSWORD: 'bench-harbour-engine-42',
  ENABLE_JSON_LOGS: 'true',
  ENABLE_REQUEST_LOGS: 'true',
  DOUBLE_OPT_IN: 'true',
};

/** One Mailroom process: each route loaded in turn, RSS read after start and after the last load. */
async function mailroom(databaseUrl, label) {
  const results = {};
  const app = start(['dist/apps/api/src/main.js'], {
    ...MAILROOM_ENV,
    DATABASE_URL: databaseUrl,
    RATE_LIMIT_MAX: '100000000', // on, with a limit the benchmark never reaches
  });
  await waitUp(app);
  const rssAfterStart = rssMb(app.child);
  results[`${label} contact`] = await load(app, '/api/contact', BODIES.contact);
  results[`${label} newsletter`] = await load(app, '/api/newsletter', BODIES.newsletter);
  results[`${label} 400 invalid`] = await load(app, '/api/contact', BODIES.invalid);
  results[`${label} honeypot`] = await load(app, '/api/contact', BODIES.honeypot);
  const rssAfterLoad = rssMb(app.child);
  app.child.kill();

  // The rate limit itself: one address (the loader's) over a limit of one submission.
  const limited = start(['dist/apps/api/src/main.js'], {
    ...MAILROOM_ENV,
    DATABASE_URL: databaseUrl,
    RATE_LIMIT_MAX: '1',
  });
  await waitUp(limited);
  results[`${label} 429 limited`] = await load(limited, '/api/contact', BODIES.contact);
  limited.child.kill();
  return { results, rss: { [`${label} after start`]: rssAfterStart, [`${label} after load`]: rssAfterLoad } };
}

function report(results, floors) {
  console.table(results);
  const ratio = (name, against) => (results[name].rps / floors[against].rps).toFixed(2);
  const lines = {};
  for (const name of Object.keys(results)) {
    const against = /400|honeypot|429/.test(name)
      ? 'no-database floor'
      : name.startsWith('postgres')
        ? 'postgres floor'
        : 'sqlite floor';
    if (floors[against]) lines[name] = `${ratio(name, against)}× the ${against}`;
  }
  console.table(lines);
}

(async () => {
  const floors = {
    'sqlite floor': await floor('node-contact.js', { DB_FILE: join(dir, 'floor.db') }),
    'no-database floor': await floor('node-contact.js', { NO_DB: '1' }),
  };
  console.table(floors);
  const sqlite = await mailroom(join(dir, 'mailroom.db'), 'sqlite');
  report(sqlite.results, floors);
  console.table(sqlite.rss);

  await withScratchPostgres('mailroom_bench_intake', async (url) => {
    floors['postgres floor'] = await floor('node-contact-pg.js', { PG_URL: url });
    const pg = await mailroom(url, 'postgres');
    report(pg.results, floors);
    console.table(pg.rss);
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
