export * from './metric-names';
export * from './metrics.module';
export * from './scrape-refreshers';
