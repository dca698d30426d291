import { Module } from '@nestjs/common';
import { MailerModule } from '@nestjs-modules/mailer';
import { AppConfig, MailTransport, smtpTransport } from '@mailroom/platform';
import { randomUUID } from 'node:crypto';
import { commandConfig, withContext } from '../context';
import { CommandFailed } from '../terminal';

/** The SMTP transport alone: no outbox, no dispatcher (a command must not start sending queued mail). */
@Module({
  imports: [
    MailerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ transport: smtpTransport(config) }),
    }),
  ],
  providers: [MailTransport],
  exports: [MailTransport],
})
class SmtpOnlyModule {}

/** `mailroom send-test-email <address>`: proves the SMTP settings end to end, with the server's answer. */
export async function sendTestEmail(address: string): Promise<void> {
  const config = commandConfig();
  if (!config.smtp.host) throw new CommandFailed('SMTP_HOST is not set: Mailroom records mail as skipped');
  const sent = await withContext(config, [SmtpOnlyModule], async (context) => {
    const transport = context.get(MailTransport);
    try {
      return await transport.send(
        {
          to: [address],
          subject: `${config.siteName}: test email from Mailroom`,
          text: `This is a test email from Mailroom at ${config.publicUrl}. SMTP works.`,
        },
        `<test-${randomUUID()}@${transport.domain}>`,
      );
    } catch (error) {
      throw new CommandFailed(`The SMTP server refused or failed: ${(error as Error).message}`);
    }
  });
  console.log(`Sent to ${address} through ${config.smtp.host}:${config.smtp.port}: ${sent.response}`);
}
