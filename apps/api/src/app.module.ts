import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AdminUiModule } from './admin-ui/admin-ui.module';
import { EmbedModule } from './embed/embed.module';
import { AccessGuard, AuthModule } from '@mailroom/auth';
import { ContactModule } from '@mailroom/contact';
import { MonitoringModule } from '@mailroom/monitoring';
import { NewsletterModule } from '@mailroom/newsletter';
import { SettingsModule } from '@mailroom/settings';
import {
  AuditModule,
  PrivacyModule,
  ConfigModule,
  DatabaseModule,
  HttpErrorFilter,
  MailModule,
  MetricsModule,
  RedisModule,
  RetentionModule,
  ThrottlingModule,
  createValidationPipe,
  type AppConfig,
} from '@mailroom/platform';

/** The HTTP API: platform services, every domain module, and the global guard, pipe and filter, registered once. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        PrivacyModule,
        AuditModule,
        MetricsModule,
        DatabaseModule,
        RedisModule,
        ThrottlingModule,
        MailModule,
        AuthModule,
        ContactModule,
        NewsletterModule,
        SettingsModule,
        MonitoringModule,
        RetentionModule,
        AdminUiModule,
        EmbedModule,
      ],
      providers: [
        HttpErrorFilter,
        { provide: APP_FILTER, useExisting: HttpErrorFilter },
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
