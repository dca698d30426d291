export * from './monitoring.module';
export * from './monitoring.service';
