import { Global, Module } from '@nestjs/common';
import { MailerModule } from '@nestjs-modules/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-pool';
import { AppConfig } from '../config/app-config';
import { MailTransport } from './mail-transport.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxGauge } from './outbox-gauge.service';
import { OutboxRepository } from './outbox.repository';

function smtpTransport(config: AppConfig): SMTPTransport.Options | { jsonTransport: true } {
  const smtp = config.smtp;
  // Without SMTP_HOST nothing is sent (jobs are marked skipped); the JSON transport only satisfies the mailer module.
  if (smtp.host === undefined) return { jsonTransport: true };
  const implicitTls = smtp.port === 465;
  return {
    pool: true,
    maxConnections: 5,
    host: smtp.host,
    port: smtp.port,
    secure: implicitTls,
    requireTLS: !implicitTls && smtp.useTls,
    ignoreTLS: !implicitTls && !smtp.useTls,
    auth: smtp.username !== undefined ? { user: smtp.username, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

/** Durable email: the outbox table, the dispatcher that drains it, and the SMTP transport. */
@Global()
@Module({
  imports: [
    MailerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ transport: smtpTransport(config) }),
    }),
  ],
  providers: [OutboxRepository, OutboxDispatcher, OutboxGauge, MailTransport],
  exports: [OutboxRepository, OutboxDispatcher, OutboxGauge],
})
export class MailModule {}
