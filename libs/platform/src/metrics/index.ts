export * from './metric-names';
export * from './metrics.module';
export * from './read-at-scrape';
