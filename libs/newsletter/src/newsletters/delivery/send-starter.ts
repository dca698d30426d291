import { Injectable } from '@nestjs/common';
import { DomainError } from '@mailroom/platform';
import { parseAudienceFilter } from '../audience/audience-filter';
import { NewsletterRepository, type NewsletterStatus } from '../newsletter.repository';
import { DeliveryRepository } from './delivery.repository';

/** Thrown inside the transaction so the audience snapshot is rolled back with it. */
class NotStartable extends Error {}

/** The audience is not the size the admin confirmed (people joined or left meanwhile): nothing was started. */
export class AudienceChanged extends DomainError {
  readonly code = 'conflict';
  constructor(
    readonly expected: number,
    readonly now: number,
  ) {
    super(`The audience is now ${now}, not the ${expected} you confirmed; check it and send again`);
  }
}

/**
 * Starts sending a newsletter: the one way both the admin's "send now" and the scheduler do it. In one transaction
 * the newsletter is locked, its audience snapshotted into delivery rows and its status moved to `sending`, so a
 * concurrent cancel or second start either waits or finds it changed, and never leaves rows behind.
 */
@Injectable()
export class SendStarter {
  constructor(
    private readonly newsletters: NewsletterRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  /**
   * True when this call started it; false when it was no longer in one of `from`. With `expectedAudience` (the count
   * the admin confirmed), a snapshot of another size is rolled back and AudienceChanged thrown: what is sent is what
   * was counted.
   */
  async start(
    id: number,
    from: readonly NewsletterStatus[],
    now = new Date(),
    expectedAudience?: number,
  ): Promise<boolean> {
    try {
      await this.newsletters.transaction(async (tx) => {
        const locked = await this.newsletters.lock(tx, id);
        if (!locked || !from.includes(locked.status)) throw new NotStartable();
        const filter = locked.audience_filter === null ? null : parseAudienceFilter(JSON.parse(locked.audience_filter));
        const audience = await this.deliveries.snapshotAudience(tx, id, filter, now);
        if (expectedAudience !== undefined && audience !== expectedAudience)
          throw new AudienceChanged(expectedAudience, audience);
        const started = await this.newsletters.update(
          id,
          from,
          {
            status: 'sending',
            started_at: now,
            ...(locked.status === 'scheduled' ? {} : { send_at: now }),
            audience_count: audience,
            failure_reason: null,
          },
          tx,
        );
        if (!started) throw new NotStartable();
      });
      return true;
    } catch (error) {
      if (error instanceof NotStartable) return false;
      throw error;
    }
  }
}
