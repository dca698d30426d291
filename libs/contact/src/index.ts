export * from './contact.module';
export * from './contact.service';
export * from './entities/contact-submission.entity';
export * from './contact-admin.service';
export * from './contact-data.module';
export * from './dto/contact-list-query.dto';
