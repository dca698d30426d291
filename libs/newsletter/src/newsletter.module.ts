import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, EventStreams, FormCsrf } from '@mailroom/platform';
import { Subscriber } from './subscribers/entities/subscriber.entity';
import { ManageCsrfGuard } from './subscribers/manage-csrf.guard';
import { NewsletterDeliveryModule } from './newsletters/delivery/newsletter-delivery.module';
import { NewsletterAdminController } from './newsletters/newsletter-admin.controller';
import { NewsletterAdminService } from './newsletters/newsletter-admin.service';
import { SubscriptionController } from './subscribers/subscription.controller';
import { SubscriberRepository } from './subscribers/subscriber.repository';
import { SubscriptionService } from './subscribers/subscription.service';
import { SubscriberAdminController } from './subscribers/subscriber-admin.controller';
import { SubscriberAdminService } from './subscribers/subscriber-admin.service';
import { SubscriberImportService } from './subscribers/subscriber-import.service';

@Module({
  imports: [TypeOrmModule.forFeature([Subscriber]), NewsletterDeliveryModule],
  controllers: [SubscriptionController, SubscriberAdminController, NewsletterAdminController],
  providers: [
    SubscriptionService,
    SubscriberAdminService,
    SubscriberImportService,
    NewsletterAdminService,
    EventStreams,
    SubscriberRepository,
    ManageCsrfGuard,
    { provide: FormCsrf, inject: [AppConfig], useFactory: (config: AppConfig) => new FormCsrf(config.secretKey) },
  ],
  exports: [SubscriptionService],
})
export class NewsletterModule {}
