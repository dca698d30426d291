import { NOW, column, defineTable } from '../../database/table';

/** One line of the audit log: who did what, when, from where. */
export interface AuditLogEntry {
  id: number;
  /** The admin, while the account exists (null for the command line and for deleted accounts). */
  admin_id: number | null;
  actor: string | null;
  action: string;
  target: string | null;
  /** JSON. */
  details: string | null;
  ip: string | null;
  created_at: Date;
}

export const AUDIT_LOG = defineTable<AuditLogEntry>({
  name: 'audit_log',
  columns: {
    id: column.id(),
    admin_id: column.ref({ nullable: true }),
    actor: column.varchar(100, { nullable: true }),
    action: column.varchar(64),
    target: column.varchar(200, { nullable: true }),
    details: column.text({ nullable: true }),
    ip: column.varchar(64, { nullable: true }),
    created_at: column.timestamp({ default: NOW }),
  },
  indices: [{ name: 'ix_audit_log_created', columns: ['created_at', 'id'] }],
});
