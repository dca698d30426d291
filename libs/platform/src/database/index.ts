export * from './database.module';
export * from './database.service';
export * from './dialect';
export * from './data-source-options';
export * from './run-migrations';
export * from './sql';
export * from './sql-dialect';
export * from './sql-filters';
