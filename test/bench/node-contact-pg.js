// Floor reference on PostgreSQL: the same least work as node-contact.js, inserting one row through a pg pool
// (10 connections, the driver's defaults otherwise). PG_URL picks the database (default the local `test`), PORT the port.
'use strict';
const http = require('node:http');
const { Pool } = require('pg');
const pool = new Pool({ connectionString: process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/test', max: 10 });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ready = pool.query(`CREATE TABLE IF NOT EXISTS bench_floor_contact (
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, message TEXT NOT NULL,
  company TEXT, timeline TEXT, created_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
const INSERT =
  'INSERT INTO bench_floor_contact (name, email, message, company, timeline) VALUES ($1, $2, $3, $4, $5) RETURNING id';
ready.then(() => {
  http
    .createServer((req, res) => {
      if (req.method !== 'POST' || req.url !== '/api/contact') {
        res.writeHead(404).end();
        return;
      }
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        let b;
        try {
          b = JSON.parse(Buffer.concat(chunks));
        } catch {
          res.writeHead(400).end('{"error":"bad json"}');
          return;
        }
        if (
          !b ||
          typeof b.name !== 'string' ||
          typeof b.message !== 'string' ||
          typeof b.email !== 'string' ||
          !EMAIL.test(b.email)
        ) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid"}');
          return;
        }
        pool
          .query({
            name: 'floor-insert',
            text: INSERT,
            values: [b.name, b.email, b.message, b.company ?? null, b.timeline ?? null],
          })
          .then((r) =>
            res
              .writeHead(201, { 'content-type': 'application/json' })
              .end(JSON.stringify({ id: Number(r.rows[0].id) })),
          )
          .catch(() => res.writeHead(500).end());
      });
    })
    .listen(Number(process.env.PORT || 7011), '127.0.0.1');
});
