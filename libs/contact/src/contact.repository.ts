import { Injectable } from '@nestjs/common';
import {
  DatabaseService,
  OutboxRepository,
  SqlFilter,
  addressHash,
  listPage,
  type ListedRows,
  type MailMessage,
  type Tx,
} from '@mailroom/platform';
import type { ContactListQueryDto } from './dto/contact-list-query.dto';
import { CONTACT_SUBMISSIONS, type ContactStatus, type ContactSubmission } from './entities/contact-submission.entity';
import type { ContactCreateDto } from './dto/contact-create.dto';

export interface NewSubmission extends ContactCreateDto {
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly createdAt: Date;
}

export const CONTACT_NOTIFICATION = 'contact.notification';

/** What the admin sees of a submission (the erasure hash and update time stay inside). */
export type SubmissionRow = Omit<ContactSubmission, 'person_hash' | 'updated_at'>;

export type SubmissionFilter = Pick<ContactListQueryDto, 'email' | 'status' | 'date_from' | 'date_to' | 'q'>;

const COLUMNS = 'id, name, email, message, company, timeline, status, ip, user_agent, created_at';
const EXPORT_BATCH = 1000;

/** Every query on contact_submissions. */
@Injectable()
export class ContactRepository {
  constructor(
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Stores a submission and its notification job in one transaction (the outbox): both exist, or neither does.
   * Plain SQL with RETURNING keeps this hot path to two statements.
   */
  async createWithNotification(submission: NewSubmission, notification: (id: number) => MailMessage): Promise<number> {
    const personHash = addressHash(submission.email);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO contact_submissions
           (name, email, message, company, timeline, ip, user_agent, person_hash, created_at, updated_at)
         VALUES (:name, :email, :message, :company, :timeline, :ip, :userAgent, :personHash, :createdAt, :createdAt)
         RETURNING id`,
        {
          name: submission.name,
          email: submission.email,
          message: submission.message,
          company: submission.company ?? null,
          timeline: submission.timeline ?? null,
          ip: submission.ip,
          userAgent: submission.userAgent,
          personHash,
          createdAt: submission.createdAt,
        },
      );
      const id = row.id;
      // The notification quotes the visitor: it is about them, so their erasure finds it.
      await this.outbox.enqueue(tx, CONTACT_NOTIFICATION, notification(id), { personHash, now: submission.createdAt });
      return id;
    });
  }

  /** A page by cursor or page number; sort_by comes from an allow-list (ContactListQueryDto), id breaks ties. */
  list(query: ContactListQueryDto): Promise<ListedRows<SubmissionRow>> {
    return listPage<SubmissionRow>(this.db, CONTACT_SUBMISSIONS, COLUMNS, this.filter(query), query);
  }

  /** Erasure of a person: every submission they sent (their address, found by its hash). */
  async deleteFrom(tx: Tx, personHash: string): Promise<void> {
    await tx.query('DELETE FROM contact_submissions WHERE person_hash = :personHash', { personHash });
  }

  /** The filtered submissions, newest first, in batches (see SqlFilter.batches) so memory and cost stay flat. */
  stream(filter: SubmissionFilter): AsyncGenerator<SubmissionRow[]> {
    return this.filter(filter).batches<SubmissionRow>('contact_submissions', 'desc', EXPORT_BATCH, COLUMNS);
  }

  async findById(id: number): Promise<SubmissionRow | undefined> {
    const [row] = await this.db.query<SubmissionRow>(`SELECT ${COLUMNS} FROM contact_submissions WHERE id = :id`, {
      id,
    });
    return row;
  }

  async delete(ids: readonly number[]): Promise<number> {
    const deleted = await this.db.write('DELETE FROM contact_submissions WHERE id IN (:...ids) RETURNING id', {
      ids,
    });
    return deleted.length;
  }

  async setStatus(id: number, status: ContactStatus): Promise<boolean> {
    const updated = await this.db.write(
      'UPDATE contact_submissions SET status = :status, updated_at = :now WHERE id = :id RETURNING id',
      { id, status, now: new Date() },
    );
    return updated.length > 0;
  }

  private filter(filter: SubmissionFilter): SqlFilter {
    return new SqlFilter(this.db)
      .equals('email', filter.email)
      .equals('status', filter.status)
      .dateRange('created_at', filter.date_from, filter.date_to)
      .search(['name', 'company', 'message'], filter.q, CONTACT_SUBMISSIONS);
  }
}
