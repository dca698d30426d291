import { Module } from '@nestjs/common';
import { AccountRecovery } from './account-recovery';
import { LOGIN_ATTEMPTS, SESSION_STORE } from './auth.providers';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { TablesModule } from '@mailroom/platform';
import { ADMIN_SESSIONS } from './entities/admin-session.entity';
import { ADMIN_USERS } from './entities/admin-user.entity';

/** Accounts without HTTP, for the command line: no controllers, no guards, and no first-owner seeding. */
@Module({
  imports: [TablesModule.forFeature([ADMIN_USERS, ADMIN_SESSIONS])],
  providers: [AuthService, AuthRepository, SESSION_STORE, LOGIN_ATTEMPTS, AccountRecovery],
  exports: [AccountRecovery],
})
export class AccountRecoveryModule {}
