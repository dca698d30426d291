import { Injectable } from '@nestjs/common';
import type { Actor } from '@mailroom/auth';
import { AuditLog, OutboxNotifier, OutboxRepository, type OutboxJobView, type Page } from '@mailroom/platform';
import { OutboxJobNotFailed } from './monitoring.errors';
import type { OutboxListQueryDto } from './dto/outbox.dto';

/**
 * Mails that failed for good (notifications to the team after a long SMTP outage, for instance): listed for admins,
 * who can send one again once the cause is fixed. Nothing else re-drives them, so a lead is never lost silently.
 */
@Injectable()
export class OutboxAdminService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly mailQueue: OutboxNotifier,
    private readonly audit: AuditLog,
  ) {}

  failed(query: OutboxListQueryDto): Promise<Page<OutboxJobView>> {
    return this.outbox.listFailed(query);
  }

  async retry(id: number, actor: Actor): Promise<{ id: number; status: 'pending' }> {
    if (!(await this.outbox.retry(id))) throw new OutboxJobNotFailed(id);
    this.mailQueue.mailQueued();
    await this.audit.recordBy(actor, 'outbox.retry', `outbox:${id}`);
    return { id, status: 'pending' };
  }
}
