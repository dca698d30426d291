export * from './subscribers/entities/subscriber.entity';
export * from './newsletter.module';
export * from './subscribers/subscription.service';
export * from './newsletters/delivery/newsletter-delivery.module';
export * from './newsletters/delivery/delivery-worker.service';
