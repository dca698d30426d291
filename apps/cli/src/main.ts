#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, DomainError } from '@mailroom/platform';
import { ADMIN_ROLES } from '@mailroom/auth';
import { createAdmin, resetPassword } from './commands/accounts';
import { exportSubmissions, exportSubscribers, importSubscribers } from './commands/data';
import { backup, restore } from './commands/backup';
import { checkConfig } from './commands/check-config';
import { migrate } from './commands/migrate';
import { purge } from './commands/purge';
import { sendTestEmail } from './commands/send-test-email';
import { CommandFailed, EXIT, UsageError } from './terminal';

const wholeNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
};

/**
 * `npx mailroom <command>`: the operator's command line. It runs from the built output (dist/) without rebuilding,
 * so it works inside the Docker image, and reads the same environment and ./.env as the API.
 */
export function program(): Command {
  const cli = new Command('mailroom')
    .description("Mailroom's command line: database, configuration, accounts and data.")
    .showHelpAfterError()
    .exitOverride();
  cli
    .command('migrate')
    .description('Apply pending database migrations (the API also does this at start).')
    .action(migrate);
  cli
    .command('check-config')
    .description('Validate the environment and print every setting (secrets masked) and where it came from.')
    .action(checkConfig);
  cli
    .command('send-test-email')
    .argument('<address>', 'where to send it')
    .description('Send a test email through the configured SMTP server and print its answer.')
    .action(sendTestEmail);
  cli
    .command('create-admin')
    .argument('<username>')
    .addOption(new Option('--role <role>', 'owner, admin or viewer').choices(ADMIN_ROLES).default('owner'))
    .option('--display-name <name>')
    .description('Create an admin. The password is asked for, or read as the first line of stdin. Audited.')
    .action(createAdmin);
  cli
    .command('reset-password')
    .argument('<username>')
    .description(
      "Set an admin's password (asked for, or read from stdin), enable the account, end its sessions. Audited.",
    )
    .action(resetPassword);
  cli
    .command('backup')
    .argument('<file>')
    .description('SQLite: an online, integrity-checked copy while Mailroom runs. PostgreSQL: says what pg_dump to run.')
    .action(backup);
  cli
    .command('restore')
    .argument('<file>')
    .option('--force', 'replace an existing database file (stop Mailroom first)')
    .description('SQLite: check a backup and put it in place of the database. PostgreSQL: says what pg_restore to run.')
    .action(restore);
  cli
    .command('purge')
    .option('--dry-run', 'count what would be removed, remove nothing')
    .option('--days <n>', 'contact submissions older than this many days (default RETENTION_DAYS)', wholeNumber)
    .description('Apply the retention rules once and print a table of what was removed.')
    .action(purge);
  cli
    .command('import-subscribers')
    .argument('<csv>', 'a CSV file with an "email" column (name optional; other columns go to metadata)')
    .option('--apply', 'import for real (without it, a dry run that changes nothing)')
    .option('--resubscribe', 'also resubscribe people who unsubscribed (only with their consent)')
    .description("The dashboard's import, streamed in batches with progress: upsert by email, consent rules kept.")
    .action(importSubscribers);
  cli
    .command('export-subscribers')
    .option('--output <file>', 'write here instead of stdout')
    .description('Every subscriber as CSV, streamed with progress (on stderr). Audited.')
    .action(exportSubscribers);
  cli
    .command('export-submissions')
    .option('--output <file>', 'write here instead of stdout')
    .description('Every contact submission as CSV, streamed with progress (on stderr). Audited.')
    .action(exportSubmissions);
  return cli;
}

/** Runs the command line; resolves to the exit code (0 done, 1 failed, 2 bad usage). */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are not failures; anything else commander refuses is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    if (error instanceof UsageError) {
      console.error(error.message);
      return EXIT.usage;
    }
    if (error instanceof DomainError) {
      console.error(
        error.fields
          ? Object.entries(error.fields)
              .map(([f, m]) => `${f} ${m}`)
              .join('; ')
          : error.message,
      );
      return EXIT.failed;
    }
    if (error instanceof ConfigError || error instanceof CommandFailed) {
      console.error(error.message);
      return EXIT.failed;
    }
    console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
