import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/** The SQLite search indexes of the AdminAtScale migration, as they stand at this migration. */
const INDEXES = [
  { index: 'contact_search', table: 'contact_submissions', columns: ['name', 'company', 'message'] },
  { index: 'subscriber_search', table: 'subscribers', columns: ['email', 'name'] },
] as const;

/**
 * SQLite's FTS5 search indexes were kept by triggers inside every insert, so each contact submission and subscription
 * paid for trigram indexing (and, now and then, a segment merge) while its visitor waited. From here on the
 * SearchIndexer fills them in the background, in batches, and `search_index_state` records how far each has got:
 * rows above that mark are found by scanning the short tail (SqlFilter.search). The delete and update triggers stay,
 * limited to rows already indexed, because an external-content FTS5 table must be told a row's old values exactly.
 * PostgreSQL's pg_trgm indexes are kept by the database itself; nothing changes there.
 */
export class SearchIndexOutsideRequests1733200000000 implements MigrationInterface {
  name = 'SearchIndexOutsideRequests1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    if (dialectOf(runner.connection) === 'postgres') return;
    await runner.query(`CREATE TABLE "search_index_state" ("index_name" varchar(64) NOT NULL, "indexed_up_to" integer NOT NULL,
      CONSTRAINT "pk_search_index_state" PRIMARY KEY ("index_name"))`);
    for (const { index, table, columns } of INDEXES) {
      const list = columns.join(', ');
      const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');
      const indexed = `old.id <= (SELECT indexed_up_to FROM search_index_state WHERE index_name = '${index}')`;
      // Every row is indexed so far (the insert trigger saw to it).
      await runner.query(
        `INSERT INTO search_index_state (index_name, indexed_up_to) SELECT '${index}', COALESCE(MAX(id), 0) FROM ${table}`,
      );
      for (const suffix of ['insert', 'update', 'delete']) await runner.query(`DROP TRIGGER ${index}_${suffix}`);
      await runner.query(`CREATE TRIGGER ${index}_delete AFTER DELETE ON ${table} WHEN ${indexed} BEGIN
        INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')}); END`);
      await runner.query(`CREATE TRIGGER ${index}_update AFTER UPDATE OF ${list} ON ${table} WHEN ${indexed} BEGIN
        INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')});
        INSERT INTO ${index} (rowid, ${list}) VALUES (new.id, ${values('new')}); END`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    if (dialectOf(runner.connection) === 'postgres') return;
    for (const { index, table, columns } of INDEXES) {
      const list = columns.join(', ');
      const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');
      for (const suffix of ['update', 'delete']) await runner.query(`DROP TRIGGER ${index}_${suffix}`);
      await runner.query(`CREATE TRIGGER ${index}_insert AFTER INSERT ON ${table} BEGIN
        INSERT INTO ${index} (rowid, ${list}) VALUES (new.id, ${values('new')}); END`);
      await runner.query(`CREATE TRIGGER ${index}_delete AFTER DELETE ON ${table} BEGIN
        INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')}); END`);
      await runner.query(`CREATE TRIGGER ${index}_update AFTER UPDATE OF ${list} ON ${table} BEGIN
        INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')});
        INSERT INTO ${index} (rowid, ${list}) VALUES (new.id, ${values('new')}); END`);
      await runner.query(`INSERT INTO ${index} (${index}) VALUES ('rebuild')`);
    }
    await runner.query('DROP TABLE search_index_state');
  }
}
