// Floor reference: the least a single Node process must do for POST /api/contact —
// read the body, parse JSON, check the fields, insert one row into SQLite (WAL), answer 201.
// No framework, no rate limiting, no logging, no metrics. Anything the product adds costs on top of this.
'use strict';
const http = require('node:http');
const Database = require('better-sqlite3');
const file = process.env.DB_FILE || require('node:path').join(require('node:os').tmpdir(), 'bench-floor.db');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS contact (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, message TEXT NOT NULL,
  company TEXT, timeline TEXT, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
const insert = db.prepare('INSERT INTO contact (name, email, message, company, timeline) VALUES (?, ?, ?, ?, ?)');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const noDb = process.env.NO_DB === '1';
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
      const id = noDb
        ? 1
        : insert.run(b.name, b.email, b.message, b.company ?? null, b.timeline ?? null).lastInsertRowid;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: Number(id) }));
    });
  })
  .listen(Number(process.env.PORT || 7001), '127.0.0.1');
