import { Injectable } from '@nestjs/common';
import { DatabaseService, type Tx } from '@mailroom/platform';
import { spendMailBudget, type MailBudgetState } from './mail-budget';

/** `mail_budgets`: one row per recipient mailbox (by address hash), read and changed under a row lock. */
@Injectable()
export class MailBudgetRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Spends one mail of the mailbox's budget; false (and nothing changed) when it is spent. */
  async spend(tx: Tx, addressHash: string, now = new Date()): Promise<boolean> {
    const next = spendMailBudget(await this.lock(tx, addressHash, now), now);
    if (!next) return false;
    await tx.query(
      `UPDATE mail_budgets SET last_mail_at = :last, window_started_at = :start, window_count = :count
       WHERE address_hash = :addressHash`,
      { addressHash, last: next.last_mail_at, start: next.window_started_at, count: next.window_count },
    );
    return true;
  }

  /** The mailbox answered (a link from it was used): the gap between mails is lifted, the daily count stays. */
  async answered(tx: Tx, addressHash: string): Promise<void> {
    await tx.query('UPDATE mail_budgets SET last_mail_at = NULL WHERE address_hash = :addressHash', { addressHash });
  }

  /**
   * The mailbox's row, created if new and locked until the transaction ends, so concurrent requests for one mailbox
   * take turns (PostgreSQL locks the row; on SQLite the transaction is the only writer).
   */
  private async lock(tx: Tx, addressHash: string, now: Date): Promise<MailBudgetState> {
    await tx.query(
      `INSERT INTO mail_budgets (address_hash, last_mail_at, window_started_at, window_count)
       VALUES (:addressHash, NULL, :now, 0) ON CONFLICT (address_hash) DO NOTHING`,
      { addressHash, now },
    );
    const [row] = await tx.query<MailBudgetState>(
      `SELECT last_mail_at, window_started_at, window_count FROM mail_budgets WHERE address_hash = :addressHash
       ${this.db.sql.forUpdate()}`,
      { addressHash },
    );
    return row;
  }
}
