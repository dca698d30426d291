import { Injectable } from '@nestjs/common';
import { NewsletterRepository, type NewsletterStatus } from '../newsletter.repository';
import { DeliveryRepository } from './delivery.repository';

/** Thrown inside the transaction so the audience snapshot is rolled back with it. */
class NotStartable extends Error {}

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

  /** True when this call started it; false when it was no longer in one of `from`. */
  async start(id: number, from: readonly NewsletterStatus[], now = new Date()): Promise<boolean> {
    try {
      await this.newsletters.transaction(async (tx) => {
        const locked = await this.newsletters.lock(tx, id);
        if (!locked || !from.includes(locked.status)) throw new NotStartable();
        const audience = await this.deliveries.snapshotAudience(tx, id, now);
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
