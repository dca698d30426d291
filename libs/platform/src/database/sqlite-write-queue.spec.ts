import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteConnection } from './sqlite-connection';
import { SqliteWriteQueue } from './sqlite-write-queue';

describe('SqliteWriteQueue (a real SQLite file)', () => {
  let dir: string;
  let db: Database.Database;
  let other: Database.Database;
  let connection: SqliteConnection;
  let queue: SqliteWriteQueue;
  let commits: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-queue-'));
    db = new Database(join(dir, 'q.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL UNIQUE)');
    // A second connection sees only what was committed.
    other = new Database(join(dir, 'q.db'), { readonly: true });
    connection = new SqliteConnection(db);
    commits = 0;
    const commit = connection.transaction.bind(connection);
    connection.transaction = (work) => commit(work).finally(() => (commits += 1));
    queue = new SqliteWriteQueue(connection);
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (v: string) => () => Promise.resolve(connection.run('INSERT INTO t (v) VALUES (?)', [v], true));
  const committed = () => (other.prepare('SELECT v FROM t ORDER BY id').all() as { v: string }[]).map((r) => r.v);

  it('commits the transactions asked for in one turn of the event loop together, and answers each only once committed', async () => {
    const seen: string[][] = [];
    const all = ['a', 'b', 'c', 'd', 'e'].map((v) => queue.run(insert(v)).then(() => seen.push(committed())));
    await Promise.all(all);
    expect(committed()).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Each settles without I/O, as on a real request: started at once, 'a' would have committed alone.
    expect(commits).toBe(1);
    // Nobody heard "done" before its row was visible to another connection.
    for (const view of seen) expect(view).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a failing transaction leaves nothing behind and does not take its group down with it', async () => {
    const first = queue.run(insert('first'));
    const results = await Promise.allSettled([
      first,
      queue.run(insert('kept')),
      queue.run(() => {
        connection.run('INSERT INTO t (v) VALUES (?)', ['half-written'], true);
        connection.run('INSERT INTO t (v) VALUES (?)', ['kept'], true); // violates UNIQUE: this transaction fails
        return Promise.resolve();
      }),
      queue.run(() => {
        connection.run('INSERT INTO t (v) VALUES (?)', ['also kept'], true);
        return Promise.resolve(42);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[3] as PromiseFulfilledResult<number>).value).toBe(42);
    expect(committed()).toEqual(['first', 'kept', 'also kept']);
  });
});
