/**
 * A PostgreSQL database of a benchmark's own, beside BENCH_POSTGRES_URL (or TEST_POSTGRES_URL): `run(url)` gets its
 * URL, and the database is dropped afterwards whatever happens. Without either variable it says so and skips.
 */
async function withScratchPostgres(prefix, run) {
  const adminUrl = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL;
  if (!adminUrl) return console.log('\n(PostgreSQL skipped: set BENCH_POSTGRES_URL or TEST_POSTGRES_URL)');
  const { Client } = require('pg');
  const name = `${prefix}_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

module.exports = { withScratchPostgres };
