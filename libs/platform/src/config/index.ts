export * from './app-config';
export * from './config.module';
export * from './database-url';
export * from './load-config';
export { envSchema } from './env.schema';
export { normaliseOrigin } from './env-parsers';
export * from './startup-warnings';
