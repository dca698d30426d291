import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AuditController } from './audit.controller';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { ADMIN_USERS } from './entities/admin-user.entity';
import { LocalStrategy } from './local.strategy';
import { LOGIN_ATTEMPTS, SESSION_STORE } from './auth.providers';
import { FirstOwner } from './first-owner';
import { SignInGuard } from './sign-in.guard';
import { TablesModule } from '@mailroom/platform';
import { ADMIN_SESSIONS } from './entities/admin-session.entity';

/** Admin identity: accounts, server-side sessions (database or Redis), sign-in, and the global deny-by-default AccessGuard. */
@Module({
  imports: [TablesModule.forFeature([ADMIN_USERS, ADMIN_SESSIONS]), PassportModule],
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
