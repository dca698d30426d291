import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseService } from './database.service';
import { runMigrations } from './run-migrations';
import { SEARCH_INDEX_STATE } from './entities/search-index-state.entity';
import { SearchIndexer } from './search-indexer';
import { TablesModule } from './tables.module';

@Global()
@Module({
  imports: [
    TablesModule.forFeature([SEARCH_INDEX_STATE]),
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // One attempt: a database that is down, or a migration that fails, stops the start at once with the real
      // error (bootstrapProcess prints it), instead of nine "Unable to connect" retries that hide it.
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        toRetry: () => false,
      }),
      // Migrations are applied before anything can serve a request, so code never meets an old schema.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        try {
          await runMigrations(dataSource);
        } catch (error) {
          await dataSource.destroy().catch(() => undefined);
          throw error;
        }
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseService, SearchIndexer],
  exports: [DatabaseService, SearchIndexer],
})
export class DatabaseModule {}
