import { Injectable } from '@nestjs/common';
import { DatabaseService, OutboxRepository, type MailMessage } from '@mailroom/platform';
import type { ContactCreateDto } from './dto/contact-create.dto';

export interface NewSubmission extends ContactCreateDto {
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly createdAt: Date;
}

export const CONTACT_NOTIFICATION = 'contact.notification';

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
    return this.db.transaction(async (manager) => {
      const [row] = await this.db.query<{ id: number | string }>(
        `INSERT INTO contact_submissions (name, email, message, company, timeline, ip, user_agent, created_at, updated_at)
         VALUES (:name, :email, :message, :company, :timeline, :ip, :userAgent, :createdAt, :createdAt)
         RETURNING id`,
        {
          name: submission.name,
          email: submission.email,
          message: submission.message,
          company: submission.company ?? null,
          timeline: submission.timeline ?? null,
          ip: submission.ip,
          userAgent: submission.userAgent,
          createdAt: this.db.timestamp(submission.createdAt),
        },
        manager,
      );
      const id = Number(row.id);
      await this.outbox.enqueue(manager, CONTACT_NOTIFICATION, notification(id));
      return id;
    });
  }
}
