export * from './settings.module';
export * from './settings.service';
