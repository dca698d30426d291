export * from './entities/subscriber.entity';
export * from './newsletter.module';
export * from './newsletter.service';
export * from './newsletter-delivery.module';
export * from './delivery-worker.service';
