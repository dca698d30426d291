import { Injectable } from '@nestjs/common';
import { DatabaseService, type Sql, type Tx } from '@mailroom/platform';

/** Why an address is on the list. Only `erased` lets a confirmation through (it is how someone comes back). */
export const SUPPRESSION_REASONS = {
  erased: 'erased',
  hardBounce: 'hard bounce',
  complaint: 'complaint',
} as const;

/**
 * The one owner of `suppressions`: addresses Mailroom must not mail, kept only as a hash of the address key, so an
 * erased person leaves no readable trace. Consulted before every mail to a subscriber (SubscriberMailer) and every
 * newsletter delivery.
 */
@Injectable()
export class SuppressionRepository {
  constructor(private readonly db: DatabaseService) {}

  async reasonFor(addressHash: string, on: Sql = this.db): Promise<string | undefined> {
    const [row] = await on.query<{ reason: string }>(
      'SELECT reason FROM suppressions WHERE email_hash = :addressHash',
      {
        addressHash,
      },
    );
    return row?.reason;
  }

  /** Which of these address hashes are on the list. */
  async among(addressHashes: readonly string[], on: Sql = this.db): Promise<Set<string>> {
    if (addressHashes.length === 0) return new Set();
    const rows = await on.query<{ email_hash: string }>(
      'SELECT email_hash FROM suppressions WHERE email_hash IN (:...hashes)',
      { hashes: [...addressHashes] },
    );
    return new Set(rows.map((row) => row.email_hash));
  }

  /** Adds an address; one already listed keeps its first reason. */
  async suppress(tx: Tx, addressHash: string, reason: string, now = new Date()): Promise<void> {
    await tx.query(
      `INSERT INTO suppressions (email_hash, reason, created_at) VALUES (:addressHash, :reason, :now)
       ON CONFLICT (email_hash) DO NOTHING`,
      { addressHash, reason: reason.slice(0, 32), now },
    );
  }

  /** Takes an address off the list: only its owner's emailed confirmation does this. */
  async lift(tx: Tx, addressHash: string): Promise<void> {
    await tx.query('DELETE FROM suppressions WHERE email_hash = :addressHash', { addressHash });
  }

  /** Whether `reason` stops a mail of this kind: an erased address may still be asked to confirm a new subscription. */
  static blocks(reason: string | undefined, purpose: 'confirm' | 'other'): boolean {
    if (reason === undefined) return false;
    return !(reason === SUPPRESSION_REASONS.erased && purpose === 'confirm');
  }
}
