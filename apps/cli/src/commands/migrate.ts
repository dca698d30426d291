import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@mailroom/platform';
import { commandConfig } from '../context';

/** `mailroom migrate`: applies pending migrations (the API also does this at start). */
export async function migrate(): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(commandConfig())).initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database schema is up to date.');
  } finally {
    await dataSource.destroy();
  }
}
