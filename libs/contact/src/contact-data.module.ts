import { Module } from '@nestjs/common';
import { ContactAdminService } from './contact-admin.service';
import { ContactRepository } from './contact.repository';
import { TablesModule } from '@mailroom/platform';
import { CONTACT_SUBMISSIONS } from './entities/contact-submission.entity';

/** Submissions without HTTP, for the command line's export: no controllers, guards or intake. */
@Module({
  imports: [TablesModule.forFeature([CONTACT_SUBMISSIONS])],
  providers: [ContactAdminService, ContactRepository],
  exports: [ContactAdminService],
})
export class ContactDataModule {}
