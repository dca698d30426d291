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

/** Admin identity: accounts, server-side sessions, sign-in, and the global deny-by-default AccessGuard. */
@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([AdminUser])],
  controllers: [AuthController, AuditController, AdminUsersController],
  providers: [AuthService, AdminUsersService, AuthRepository, LocalStrategy, AccessGuard],
  exports: [AuthService, AccessGuard],
})
export class AuthModule {}
