// `npm run migration:run`: applies pending migrations with the same data source options the app uses.
import { DataSource } from 'typeorm';
import { loadProcessConfig } from '../config/load-config';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './run-migrations';

async function main(): Promise<void> {
  const config = loadProcessConfig();
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
