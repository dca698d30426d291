// `npm run purge -- [--dry-run] [--days N]`: applies the retention rules once and prints what was (or would be) removed.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ConfigModule, DatabaseModule, RetentionModule, RetentionService, loadProcessConfig } from '@mailroom/platform';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, days: { type: 'string' } },
  });
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw new Error('--days must be a whole number ≥ 0');
  const config = loadProcessConfig();

  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, RetentionModule] })
  class PurgeModule {}

  const app = await NestFactory.createApplicationContext(PurgeModule, { logger: ['error', 'warn'] });
  try {
    const dryRun = values['dry-run'];
    const result = await app.get(RetentionService).purge({ dryRun, days });
    console.log(`${dryRun ? 'Would remove' : 'Removed'}: ${JSON.stringify(result)}`);
    if (result.days === 0) console.log('Contact submissions are kept (RETENTION_DAYS is 0; pass --days N to choose).');
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
