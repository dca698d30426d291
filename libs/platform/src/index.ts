export * from './config';
export * from './database';
export * from './http';
export * from './logging/logging.module';
export * from './mail';
export * from './metrics';
export * from './redis/redis.module';
