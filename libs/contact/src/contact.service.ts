import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { randomInt } from 'node:crypto';
import { AppConfig, METRIC, OutboxNotifier, type ClientInfo } from '@mailroom/platform';
import { contactNotification } from './contact-notification';
import { ContactRepository } from './contact.repository';
import type { ContactCreateDto } from './dto/contact-create.dto';

export interface ContactReceipt {
  readonly id: number;
  readonly created_at: string;
}

@Injectable()
export class ContactService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly config: AppConfig,
    private readonly outbox: OutboxNotifier,
    @InjectMetric(METRIC.contactSubmissions) private readonly submissions: Counter<'outcome'>,
  ) {}

  /** Stores a submission and queues the team's notification. A honeypot hit looks the same but leaves no trace. */
  async create(input: ContactCreateDto, client: ClientInfo, honeypotTripped: boolean): Promise<ContactReceipt> {
    const createdAt = new Date();
    if (honeypotTripped) {
      this.submissions.inc({ outcome: 'spam' });
      return { id: randomInt(1, 2 ** 31), created_at: createdAt.toISOString() };
    }
    const id = await this.contacts.createWithNotification(
      { ...input, ip: client.ip, userAgent: client.userAgent ?? null, createdAt },
      (submissionId) =>
        contactNotification(input, {
          id: submissionId,
          recipients: this.config.smtp.recipients,
          siteName: this.config.siteName,
          publicUrl: this.config.publicUrl,
        }),
    );
    this.submissions.inc({ outcome: 'accepted' });
    this.outbox.mailQueued();
    return { id, created_at: createdAt.toISOString() };
  }

  recordRejected(): void {
    this.submissions.inc({ outcome: 'rejected' });
  }
}
