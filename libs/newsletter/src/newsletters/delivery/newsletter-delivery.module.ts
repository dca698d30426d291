import { Module } from '@nestjs/common';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryWorker } from './delivery-worker.service';
import { NewsletterRepository } from '../newsletter.repository';

/** Newsletter sending without HTTP: shared by the API (embedded sender) and apps/worker. */
@Module({
  providers: [DeliveryWorker, DeliveryRepository, NewsletterRepository],
  exports: [DeliveryWorker, DeliveryRepository, NewsletterRepository],
})
export class NewsletterDeliveryModule {}
