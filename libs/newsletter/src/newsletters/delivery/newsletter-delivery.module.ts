import { Module } from '@nestjs/common';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryWorker } from './delivery-worker.service';
import { NewsletterRepository } from '../newsletter.repository';
import { SendStarter } from './send-starter';

/** Newsletter sending without HTTP: shared by the API (embedded sender) and apps/worker. */
@Module({
  providers: [DeliveryWorker, DeliveryRepository, NewsletterRepository, SendStarter],
  exports: [DeliveryWorker, DeliveryRepository, NewsletterRepository, SendStarter],
})
export class NewsletterDeliveryModule {}
