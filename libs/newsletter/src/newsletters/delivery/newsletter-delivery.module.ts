import { Module } from '@nestjs/common';
import { SubscriptionProcessingModule } from '../../subscribers/subscription-processing.module';
import { NewsletterRepository } from '../newsletter.repository';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryNotifier } from './delivery-notifier';
import { DeliveryWorker } from './delivery-worker.service';
import { SendStarter } from './send-starter';
import { TablesModule } from '@mailroom/platform';
import { DELIVERIES } from '../entities/delivery.entity';
import { NEWSLETTERS } from '../entities/newsletter.entity';
import { TEMPLATES } from '../entities/template.entity';
import { TemplateRepository } from '../templates/template.repository';

/**
 * Sending without HTTP, shared by the API (embedded sender) and apps/worker: newsletters to their audiences, and,
 * through SubscriptionProcessingModule, the subscriber mails the outbox dispatcher sends.
 */
@Module({
  imports: [TablesModule.forFeature([NEWSLETTERS, DELIVERIES, TEMPLATES]), SubscriptionProcessingModule],
  providers: [
    DeliveryWorker,
    { provide: DeliveryNotifier, useExisting: DeliveryWorker },
    DeliveryRepository,
    NewsletterRepository,
    TemplateRepository,
    SendStarter,
  ],
  exports: [
    SubscriptionProcessingModule,
    DeliveryWorker,
    DeliveryNotifier,
    DeliveryRepository,
    NewsletterRepository,
    TemplateRepository,
    SendStarter,
  ],
})
export class NewsletterDeliveryModule {}
