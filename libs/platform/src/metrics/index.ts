export * from './metric-names';
export * from './metrics.module';
