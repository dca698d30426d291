import { Module } from '@nestjs/common';
import { AccountRecovery } from './account-recovery';
import { LOGIN_ATTEMPTS, SESSION_STORE } from './auth.providers';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';

/** Accounts without HTTP, for the command line: no controllers, no guards, and no first-owner seeding. */
@Module({
  providers: [AuthService, AuthRepository, SESSION_STORE, LOGIN_ATTEMPTS, AccountRecovery],
  exports: [AccountRecovery],
})
export class AccountRecoveryModule {}
