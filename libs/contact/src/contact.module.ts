import { Module, type OnModuleInit } from '@nestjs/common';
import { PersonalData, TablesModule } from '@mailroom/platform';
import { ContactAdminController } from './contact-admin.controller';
import { ContactAdminService } from './contact-admin.service';
import { ContactController } from './contact.controller';
import { ContactRejectionsFilter } from './contact-rejections.filter';
import { ContactRepository } from './contact.repository';
import { ContactService } from './contact.service';
import { CONTACT_SUBMISSIONS } from './entities/contact-submission.entity';

@Module({
  imports: [TablesModule.forFeature([CONTACT_SUBMISSIONS])],
  controllers: [ContactController, ContactAdminController],
  providers: [ContactService, ContactAdminService, ContactRepository, ContactRejectionsFilter],
  exports: [ContactService],
})
export class ContactModule implements OnModuleInit {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly personalData: PersonalData,
  ) {}

  /** A person's erasure takes the messages they sent too (found by the hash of their address). */
  onModuleInit(): void {
    this.personalData.register('contact', (tx, person) => this.contacts.deleteFrom(tx, person.hash));
  }
}
