import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, EventStreams, FormCsrf } from '@mailroom/platform';
import { Subscriber } from './entities/subscriber.entity';
import { ManageCsrfGuard } from './manage-csrf.guard';
import { NewsletterDeliveryModule } from './newsletter-delivery.module';
import { NewslettersController } from './newsletters.controller';
import { NewslettersService } from './newsletters.service';
import { NewsletterController } from './newsletter.controller';
import { NewsletterRepository } from './newsletter.repository';
import { NewsletterService } from './newsletter.service';
import { SubscriberAdminController } from './subscriber-admin.controller';
import { SubscriberAdminService } from './subscriber-admin.service';
import { SubscriberImportService } from './subscriber-import.service';

@Module({
  imports: [TypeOrmModule.forFeature([Subscriber]), NewsletterDeliveryModule],
  controllers: [NewsletterController, SubscriberAdminController, NewslettersController],
  providers: [
    NewsletterService,
    SubscriberAdminService,
    SubscriberImportService,
    NewslettersService,
    EventStreams,
    NewsletterRepository,
    ManageCsrfGuard,
    { provide: FormCsrf, inject: [AppConfig], useFactory: (config: AppConfig) => new FormCsrf(config.secretKey) },
  ],
  exports: [NewsletterService],
})
export class NewsletterModule {}
