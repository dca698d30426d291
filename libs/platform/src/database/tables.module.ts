import { Module, type DynamicModule } from '@nestjs/common';
import { registerTables, type AnyTableSpec } from './table';

/**
 * How a domain module declares the tables it owns (as TypeORM's forFeature does for entity classes): the data source
 * is built with their entities for the dialect in use.
 */
@Module({})
export class TablesModule {
  static forFeature(tables: readonly AnyTableSpec[]): DynamicModule {
    registerTables(tables);
    return { module: TablesModule };
  }
}
