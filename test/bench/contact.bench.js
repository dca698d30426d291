// npm run bench:contact — Mailroom's production build against the bare node:http floor (../shared/bench/node-contact.js
// is the same program), both loaded by autocannon with 32 connections in this run. Prints req/s, p50/p99 and ratios.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const autocannon = require('autocannon');

const root = resolve(__dirname, '../..');
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-'));

function start(args, env, port) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  return child;
}

async function waitUp(port) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing listening on ${port}`);
}

function load(port) {
  let n = 0;
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}/api/contact`,
        connections: 32,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              n += 1;
              req.body = JSON.stringify({
                name: `Load Test ${n}`,
                email: `load${n}@example.com`,
                message: `Hello from the load test, request ${n}.`,
                company: 'Acme',
                timeline: 'Q3',
              });
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
              non2xx: result.non2xx,
              errors: result.errors,
            }),
    );
  });
}

(async () => {
  const results = {};
  const floor = start([join(__dirname, 'node-contact.js')], { DB_FILE: join(dir, 'floor.db') }, 7101);
  await waitUp(7101);
  results.floor = await load(7101);
  floor.kill();

  const app = start(
    ['dist/apps/api/src/main.js'],
    {
      NODE_ENV: 'production',
      SECRET_KEY: 'bench-secret-bench-secret-bench-secret',
      ADMIN_PASSWORD: 'bench-harbour-engine-42',
      DATABASE_URL: join(dir, 'mailroom.db'),
      RATE_LIMIT_MAX: '100000000', // on, with a limit the benchmark never reaches
      ENABLE_JSON_LOGS: 'true',
      ENABLE_REQUEST_LOGS: 'true',
    },
    7102,
  );
  await waitUp(7102);
  results.mailroom = await load(7102);
  app.kill();

  const ratio = (results.mailroom.rps / results.floor.rps).toFixed(2);
  console.table(results);
  console.log(JSON.stringify({ ...results, ratio_rps: Number(ratio) }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
