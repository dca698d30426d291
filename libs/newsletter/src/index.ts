export * from './entities/subscriber.entity';
export * from './newsletter.module';
export * from './newsletter.service';
