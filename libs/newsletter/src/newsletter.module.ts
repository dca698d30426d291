import { Module } from '@nestjs/common';
import { AuthModule } from '@mailroom/auth';
import { AppConfig, EventStreams, FormCsrf } from '@mailroom/platform';
import { ArchiveController } from './newsletters/archive/archive.controller';
import { NewsletterArchive } from './newsletters/archive/newsletter-archive.service';
import { TemplateAdminController } from './newsletters/templates/template-admin.controller';
import { TemplateAdminService } from './newsletters/templates/template-admin.service';
import { NewsletterDeliveryModule } from './newsletters/delivery/newsletter-delivery.module';
import { NewsletterAdminController } from './newsletters/newsletter-admin.controller';
import { NewsletterAdminService } from './newsletters/newsletter-admin.service';
import { ManageCsrfGuard } from './subscribers/manage-csrf.guard';
import { SubscriberAdminController } from './subscribers/subscriber-admin.controller';
import { SubscriberAdminService } from './subscribers/subscriber-admin.service';
import { SubscriberImportService } from './subscribers/subscriber-import.service';
import { SubscriptionController } from './subscribers/subscription.controller';
import { SubscriptionService } from './subscribers/subscription.service';

/**
 * The newsletter's HTTP side: public subscriptions and archive, subscriber admin, newsletters admin; sending is
 * imported.
 */
@Module({
  imports: [NewsletterDeliveryModule, AuthModule],
  controllers: [
    SubscriptionController,
    ArchiveController,
    SubscriberAdminController,
    NewsletterAdminController,
    TemplateAdminController,
  ],
  providers: [
    SubscriptionService,
    SubscriberAdminService,
    SubscriberImportService,
    NewsletterAdminService,
    NewsletterArchive,
    TemplateAdminService,
    EventStreams,
    ManageCsrfGuard,
    { provide: FormCsrf, inject: [AppConfig], useFactory: (config: AppConfig) => new FormCsrf(config.secretKey) },
  ],
  exports: [SubscriptionService],
})
export class NewsletterModule {}
