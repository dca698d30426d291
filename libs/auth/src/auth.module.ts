import { Module } from '@nestjs/common';
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
import { LOGIN_ATTEMPTS, SESSION_STORE } from './auth.providers';
import { FirstOwner } from './first-owner';
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
    SESSION_STORE,
    LOGIN_ATTEMPTS,
    FirstOwner,
  ],
  exports: [AuthService, AccessGuard],
})
export class AuthModule {}
