import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { pageOf, type Page } from '../http/list-query';
import { SqlFilter, isoTimestamp } from '../database/sql-filters';
import type { Tx } from '../database/sql';
import { AUDIT_LOG, type AuditLogEntry } from './entities/audit-log-entry.entity';
import { listPage } from '../database/keyset';
import { containsPattern } from '../database/sql-dialect';
import { addressKey } from '../http/addresses';
import type { Person } from '../privacy/personal-data';

export interface AuditEntry {
  readonly adminId: number | null;
  readonly actor: string | null;
  readonly action: string;
  readonly target?: string;
  readonly details?: unknown;
  readonly ip: string | null;
}

/** A signed-in admin acting (auth's Actor has this shape; the platform cannot import auth). */
export interface AuditActor {
  /** The admin's id; null for an operator on the command line (see `commandLineActor`). */
  readonly id: number | null;
  readonly username: string;
  readonly ip: string | null;
}

export interface AuditRecord {
  readonly id: number;
  readonly actor: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly details: unknown;
  readonly ip: string | null;
  readonly created_at: string;
}

export interface AuditFilter {
  readonly page: number;
  readonly per_page: number;
  /** Already checked against an allow-list by the caller's DTO. */
  readonly sort_by: 'created_at' | 'action' | 'actor' | 'id';
  readonly sort_order: 'asc' | 'desc';
  readonly cursor?: string;
  readonly action?: string;
  readonly actor?: string;
  readonly date_from?: Date;
  readonly date_to?: Date;
  readonly q?: string;
}

type AuditRow = Readonly<Omit<AuditLogEntry, 'admin_id'>>;

/** An operator running `npx mailroom`: not an admin, named by their OS account in the audit log. */
export function commandLineActor(osUser: string): AuditActor {
  return { id: null, username: `command line (${osUser})`, ip: null };
}

/** Records who did what, when, from where: every admin action in every domain writes here. */
@Injectable()
export class AuditLog {
  constructor(private readonly db: DatabaseService) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.write(
      `INSERT INTO audit_log (admin_id, actor, action, target, details, ip, created_at)
       VALUES (:adminId, :actor, :action, :target, :details, :ip, :now)`,
      {
        adminId: entry.adminId,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
        ip: entry.ip,
        now: new Date(),
      },
    );
  }

  /** An admin's action on a target, the common case: who and from where come from the actor. */
  recordBy(actor: AuditActor, action: string, target?: string, details?: unknown): Promise<void> {
    return this.record({ adminId: actor.id, actor: actor.username, action, target, details, ip: actor.ip });
  }

  /**
   * Erasure: the person's address is replaced wherever an entry mentions it, however it was spelled (an admin's test
   * send to it, a sign-in attempt with it as the username). The entries stay, so the record of who did what stays
   * complete. Candidates are found in SQL (case-insensitively) and rewritten here, a few rows at most.
   */
  async scrub(tx: Tx, person: Person): Promise<void> {
    const rows = await tx.query<{ id: number; actor: string | null; details: string | null }>(
      `SELECT id, actor, details FROM audit_log WHERE ${this.db.sql.contains(['actor', 'details'], 'pattern')}`,
      { pattern: containsPattern(person.key) },
    );
    for (const row of rows) {
      await tx.query('UPDATE audit_log SET actor = :actor, details = :details WHERE id = :id', {
        id: row.id,
        actor: row.actor !== null && addressKey(row.actor) === person.key ? '(erased)' : row.actor,
        details: row.details === null ? null : replaceIgnoringCase(row.details, person.key, '(erased)'),
      });
    }
  }

  async list(filter: AuditFilter): Promise<Page<AuditRecord>> {
    const where = new SqlFilter(this.db)
      .equals('action', filter.action)
      .equals('actor', filter.actor)
      .dateRange('created_at', filter.date_from, filter.date_to)
      .search(['action', 'actor', 'target'], filter.q);
    const { rows, ...listed } = await listPage<AuditRow>(
      this.db,
      AUDIT_LOG,
      'id, actor, action, target, details, ip, created_at',
      where,
      filter,
    );
    return pageOf(
      rows.map((row) => ({
        ...row,
        details: row.details === null ? null : (JSON.parse(row.details) as unknown),
        created_at: isoTimestamp(row.created_at),
      })),
      listed,
      filter,
    );
  }
}

/** `text` with every occurrence of `needle` (compared in lower case) replaced: no pattern built from the input. */
function replaceIgnoringCase(text: string, needle: string, replacement: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let last = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, last)) {
    out += text.slice(last, i) + replacement;
    last = i + needle.length;
  }
  return out + text.slice(last);
}
