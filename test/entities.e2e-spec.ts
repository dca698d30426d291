import { DataSource } from 'typeorm';
import { registeredTables } from '@mailroom/platform';
import { startApp, type TestApp } from './support/app';

/** Tables the database keeps for itself or for TypeORM, and SQLite's search index (a virtual table and its shadows). */
const NOT_DOMAIN_TABLES = /^(schema_migrations|sqlite_.*|contact_search.*|subscriber_search.*)$/;

/**
 * The entities are the row types the repositories return, and the migrations create the schema. TypeORM's schema
 * builder compares the two: after every migration it must find nothing to change (no column, type, default, index,
 * unique or check constraint, or foreign key apart), so an entity and the migrations cannot drift.
 */
describe('entities match the migrated schema', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('TypeORM finds nothing to change between the entities and the migrated database', async () => {
    const dataSource = t.app.get(DataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('every table the migrations create has an entity, and every entity a table', async () => {
    const dataSource = t.app.get(DataSource);
    const runner = dataSource.createQueryRunner();
    try {
      const tables = (await runner.getTables())
        .map((table) => table.name.replace(/^public\./, ''))
        .filter((name) => !name.includes('.')) // other schemas: information_schema, pg_catalog
        .filter((name) => !NOT_DOMAIN_TABLES.test(name))
        .sort();
      expect(
        registeredTables(t.config.database.type)
          .map((table) => table.name)
          .sort(),
      ).toEqual(tables);
      expect(dataSource.entityMetadatas.map((entity) => entity.tableName).sort()).toEqual(tables);
    } finally {
      await runner.release();
    }
  });
});
