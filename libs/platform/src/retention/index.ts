export * from './retention.module';
export * from './retention.service';
export type { PurgeCounts } from './retention.repository';
