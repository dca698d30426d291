import { AuditModule, DomainError, PrivacyModule, RedisModule } from '@mailroom/platform';
import { AccountRecovery, AccountRecoveryModule, NoSuchAdmin, type AdminRole } from '@mailroom/auth';
import { commandConfig, operator, withContext } from '../context';
import { CommandFailed, readSecret } from '../terminal';

async function withAccounts(work: (accounts: AccountRecovery) => Promise<void>): Promise<void> {
  try {
    await withContext(commandConfig(), [RedisModule, PrivacyModule, AuditModule, AccountRecoveryModule], (context) =>
      work(context.get(AccountRecovery)),
    );
  } catch (error) {
    // A weak password, a taken username, no such admin: the operator's to fix, said as the dashboard would.
    if (error instanceof DomainError)
      throw new CommandFailed(error.fields ? Object.values(error.fields).join('; ') : error.message);
    if (error instanceof NoSuchAdmin) throw new CommandFailed(error.message);
    throw error;
  }
}

/** `mailroom create-admin <username> [--role R]`: the password is prompted for, or read from stdin. */
export async function createAdmin(username: string, options: { role: AdminRole; displayName?: string }): Promise<void> {
  const password = await readSecret(`Password for ${username}`);
  await withAccounts((accounts) =>
    accounts.createAdmin({ username, password, role: options.role, displayName: options.displayName }, operator()),
  );
  console.log(`Created ${options.role} "${username}".`);
}

/** `mailroom reset-password <username>`: the way back in for an owner who lost their password. */
export async function resetPassword(username: string): Promise<void> {
  const password = await readSecret(`New password for ${username}`);
  await withAccounts((accounts) => accounts.resetPassword(username, password, operator()));
  console.log(`Set a new password for "${username}"; their sessions have ended and the account is enabled.`);
}
