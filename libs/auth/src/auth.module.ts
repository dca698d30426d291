import { Module } from '@nestjs/common';
import { AppConfig, DatabaseService, REDIS, type RedisClient } from '@mailroom/platform';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AuditController } from './audit.controller';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { AdminUser } from './entities/admin-user.entity';
import { LocalStrategy } from './local.strategy';
import { LoginAttempts, MemoryLoginAttempts, RedisLoginAttempts } from './login-attempts';
import { DatabaseSessionStore, RedisSessionStore, SessionStore } from './session-store';
import { SignInGuard } from './sign-in.guard';

/** Admin identity: accounts, server-side sessions (database or Redis), sign-in, and the global deny-by-default AccessGuard. */
@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([AdminUser])],
  controllers: [AuthController, AuditController, AdminUsersController],
  providers: [
    AuthService,
    AdminUsersService,
    AuthRepository,
    LocalStrategy,
    AccessGuard,
    SignInGuard,
    {
      // Redis when configured, so sessions are shared by every instance; otherwise the database.
      provide: SessionStore,
      inject: [REDIS, DatabaseService, AppConfig],
      useFactory: (redis: RedisClient, db: DatabaseService, config: AppConfig): SessionStore =>
        redis ? new RedisSessionStore(redis, config.admin.sessionMaxMs) : new DatabaseSessionStore(db),
    },
    {
      provide: LoginAttempts,
      inject: [REDIS],
      useFactory: (redis: RedisClient): LoginAttempts =>
        redis ? new RedisLoginAttempts(redis) : new MemoryLoginAttempts(),
    },
  ],
  exports: [AuthService, AccessGuard],
})
export class AuthModule {}
