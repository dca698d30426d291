import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { PersonalData } from '../privacy/personal-data';
import { AuditLog } from './audit-log.service';

@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule implements OnModuleInit {
  constructor(
    private readonly audit: AuditLog,
    private readonly personalData: PersonalData,
  ) {}

  onModuleInit(): void {
    this.personalData.register('audit', (tx, person) => this.audit.scrub(tx, person));
  }
}
