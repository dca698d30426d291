import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactAdminController } from './contact-admin.controller';
import { ContactAdminService } from './contact-admin.service';
import { ContactController } from './contact.controller';
import { ContactRejectionsInterceptor } from './contact-rejections.interceptor';
import { ContactRepository } from './contact.repository';
import { ContactService } from './contact.service';
import { ContactSubmission } from './entities/contact-submission.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ContactSubmission])],
  controllers: [ContactController, ContactAdminController],
  providers: [ContactService, ContactAdminService, ContactRepository, ContactRejectionsInterceptor],
  exports: [ContactService],
})
export class ContactModule {}
