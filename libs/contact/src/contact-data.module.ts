import { Module } from '@nestjs/common';
import { ContactAdminService } from './contact-admin.service';
import { ContactRepository } from './contact.repository';

/** Submissions without HTTP, for the command line's export: no controllers, guards or intake. */
@Module({
  providers: [ContactAdminService, ContactRepository],
  exports: [ContactAdminService],
})
export class ContactDataModule {}
