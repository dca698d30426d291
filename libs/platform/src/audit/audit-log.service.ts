import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

export interface AuditEntry {
  readonly adminId: number | null;
  readonly actor: string | null;
  readonly action: string;
  readonly target?: string;
  readonly details?: unknown;
  readonly ip: string | null;
}

/** Records who did what, when, from where: every admin action in every domain writes here. */
@Injectable()
export class AuditLog {
  constructor(private readonly db: DatabaseService) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.execute(
      `INSERT INTO audit_log (admin_id, actor, action, target, details, ip, created_at)
       VALUES (:adminId, :actor, :action, :target, :details, :ip, :now)`,
      {
        adminId: entry.adminId,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
        ip: entry.ip,
        now: this.db.timestamp(new Date()),
      },
    );
  }
}
