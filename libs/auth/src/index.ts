export * from './access.guard';
export * from './auth.module';
