import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { PersonalData } from '../privacy/personal-data';
import { AuditLog } from './audit-log.service';
import { TablesModule } from '../database/tables.module';
import { AUDIT_LOG } from './entities/audit-log-entry.entity';

@Global()
@Module({ imports: [TablesModule.forFeature([AUDIT_LOG])], providers: [AuditLog], exports: [AuditLog] })
export class AuditModule implements OnModuleInit {
  constructor(
    private readonly audit: AuditLog,
    private readonly personalData: PersonalData,
  ) {}

  onModuleInit(): void {
    this.personalData.register('audit', (tx, person) => this.audit.scrub(tx, person));
  }
}
