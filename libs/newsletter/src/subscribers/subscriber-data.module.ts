import { Module } from '@nestjs/common';
import { DeliveryRepository } from '../newsletters/delivery/delivery.repository';
import { SubscriberAdminService } from './subscriber-admin.service';
import { SubscriberImportService } from './subscriber-import.service';
import { SubscriptionProcessingModule } from './subscription-processing.module';

/**
 * Subscribers without HTTP, for the command line's import and export. Confirmation mails an import queues are sent
 * by whichever API or worker drains the outbox (the command starts no sender of its own).
 */
@Module({
  imports: [SubscriptionProcessingModule],
  providers: [SubscriberAdminService, SubscriberImportService, DeliveryRepository],
  exports: [SubscriberAdminService, SubscriberImportService],
})
export class SubscriberDataModule {}
