import { Injectable } from '@nestjs/common';
import type { Actor } from '@mailroom/auth';
import { AuditLog, csvCell, type AuditActor, type Page, pageOf } from '@mailroom/platform';
import { SubmissionNotFound } from './contact.errors';
import { ContactRepository, type SubmissionFilter, type SubmissionRow } from './contact.repository';
import type { ContactListQueryDto } from './dto/contact-list-query.dto';
import type { ContactStatus } from './entities/contact-submission.entity';

const CSV_COLUMNS = ['id', 'created_at', 'status', 'name', 'email', 'company', 'timeline', 'message'] as const;

/** What admins do with submissions: read, filter, change status, delete, export. Every change is audited. */
@Injectable()
export class ContactAdminService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(query: ContactListQueryDto): Promise<Page<SubmissionRow>> {
    const { rows, ...counted } = await this.contacts.list(query);
    return pageOf(rows, counted, query);
  }

  async get(id: number): Promise<SubmissionRow> {
    const row = await this.contacts.findById(id);
    if (!row) throw new SubmissionNotFound(id);
    return row;
  }

  async delete(id: number, actor: Actor): Promise<void> {
    if ((await this.contacts.delete([id])) === 0) throw new SubmissionNotFound(id);
    await this.record(actor, 'contact.delete', `contact:${id}`);
  }

  async bulkDelete(ids: readonly number[], actor: Actor): Promise<{ deleted: number }> {
    const deleted = await this.contacts.delete([...new Set(ids)]);
    await this.record(actor, 'contact.bulk_delete', `contact:${ids.length}`, { ids, deleted });
    return { deleted };
  }

  async setStatus(id: number, status: ContactStatus, actor: Actor): Promise<SubmissionRow> {
    const before = await this.get(id);
    await this.contacts.setStatus(id, status);
    await this.record(actor, 'contact.status', `contact:${id}`, { from: before.status, to: status });
    return { ...before, status };
  }

  /** The filtered submissions as CSV chunks; `onRows` hears how many rows each chunk holds (for progress). */
  async *exportCsv(
    filter: SubmissionFilter,
    actor: AuditActor,
    onRows: (rows: number) => void = () => undefined,
  ): AsyncGenerator<string> {
    await this.record(actor, 'contact.export', 'contact', { filter });
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    // One chunk per database batch: a write per row would cost more than the query.
    for await (const batch of this.contacts.stream(filter)) {
      yield batch.map((row) => `${CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`).join('');
      onRows(batch.length);
    }
  }

  private record(actor: AuditActor, action: string, target: string, details?: unknown): Promise<void> {
    return this.audit.recordBy(actor, action, target, details);
  }
}
