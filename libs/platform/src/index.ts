export * from './config';
export * from './database';
export * from './http';
export * from './logging/logger-options';
export * from './logging/pino-nest-logger';
export * from './mail';
export * from './metrics';
export * from './redis/redis.module';
