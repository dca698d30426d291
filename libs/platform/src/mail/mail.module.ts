import { Global, Module } from '@nestjs/common';
import { MailerModule } from '@nestjs-modules/mailer';
import { AppConfig } from '../config/app-config';
import { MailTransport, smtpTransport } from './mail-transport.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxGauge } from './outbox-gauge.service';
import { OutboxRepository } from './outbox.repository';

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
  exports: [OutboxRepository, OutboxDispatcher, OutboxGauge, MailTransport],
})
export class MailModule {}
