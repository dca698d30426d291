export * from './contact.module';
export * from './contact.service';
export * from './entities/contact-submission.entity';
