import { Module } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery-worker.service';
import { NewslettersRepository } from './newsletters.repository';

/** Newsletter sending without HTTP: shared by the API (embedded sender) and apps/worker. */
@Module({
  providers: [DeliveryWorker, DeliveriesRepository, NewslettersRepository],
  exports: [DeliveryWorker, DeliveriesRepository, NewslettersRepository],
})
export class NewsletterDeliveryModule {}
