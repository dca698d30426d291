import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { MailerModule } from '@nestjs-modules/mailer';
import { AppConfig } from '../config/app-config';
import { PersonalData } from '../privacy/personal-data';
import { MailTransport, smtpTransport } from './mail-transport.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxNotifier } from './outbox-notifier';
import { OutboxGauge } from './outbox-gauge.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxTasks } from './outbox-tasks';
import { TablesModule } from '../database/tables.module';
import { OUTBOX_JOBS } from './entities/outbox-job.entity';

/** Durable email: the outbox table, the dispatcher that drains it, and the SMTP transport. */
@Global()
@Module({
  imports: [
    TablesModule.forFeature([OUTBOX_JOBS]),
    MailerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ transport: smtpTransport(config) }),
    }),
  ],
  providers: [
    OutboxRepository,
    OutboxTasks,
    OutboxDispatcher,
    { provide: OutboxNotifier, useExisting: OutboxDispatcher },
    OutboxGauge,
    MailTransport,
  ],
  exports: [OutboxRepository, OutboxTasks, OutboxDispatcher, OutboxNotifier, OutboxGauge, MailTransport],
})
export class MailModule implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly personalData: PersonalData,
  ) {}

  onModuleInit(): void {
    this.personalData.register('outbox', (tx, person) => this.outbox.deleteAbout(tx, person));
  }
}
