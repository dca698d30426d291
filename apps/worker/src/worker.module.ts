import { Module, type DynamicModule } from '@nestjs/common';
import {
  AuditModule,
  PrivacyModule,
  ConfigModule,
  DatabaseModule,
  MailModule,
  MetricsModule,
  RetentionModule,
  type AppConfig,
} from '@mailroom/platform';
import { NewsletterDeliveryModule } from '@mailroom/newsletter';
import { SettingsModule } from '@mailroom/settings';

/** The delivery worker: the same platform libraries as the API, no HTTP. It drains the outbox and sends newsletters. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      // Settings too, so values changed by admins (sender name, ...) apply to what the worker sends.
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule,
        DatabaseModule,
        PrivacyModule,
        AuditModule,
        MailModule,
        SettingsModule,
        NewsletterDeliveryModule,
        RetentionModule,
      ],
    };
  }
}
