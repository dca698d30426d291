import type { Provider } from '@nestjs/common';
import { AppConfig, DatabaseService, REDIS, type RedisClient } from '@mailroom/platform';
import { LoginAttempts, MemoryLoginAttempts, RedisLoginAttempts } from './login-attempts';
import { DatabaseSessionStore, RedisSessionStore, SessionStore } from './session-store';

/** Sessions in Redis when configured, so every instance shares them; otherwise in the database. */
export const SESSION_STORE: Provider = {
  provide: SessionStore,
  inject: [REDIS, DatabaseService, AppConfig],
  useFactory: (redis: RedisClient, db: DatabaseService, config: AppConfig): SessionStore =>
    redis ? new RedisSessionStore(redis, config.admin.sessionMaxMs) : new DatabaseSessionStore(db),
};

/** Failed sign-ins counted in Redis when configured (shared), otherwise in this process. */
export const LOGIN_ATTEMPTS: Provider = {
  provide: LoginAttempts,
  inject: [REDIS],
  useFactory: (redis: RedisClient): LoginAttempts =>
    redis ? new RedisLoginAttempts(redis) : new MemoryLoginAttempts(),
};
