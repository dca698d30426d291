import { Injectable } from '@nestjs/common';
import { AppConfig, OutboxRepository, addressHash, type MailMessage, type Tx } from '@mailroom/platform';
import { MailBudgetRepository } from './mail-budget.repository';
import { mails, subscriberMail, type MailTemplate } from './subscriber-mails';
import { SubscriberLinks } from './subscriber-links';
import { SuppressionRepository } from './suppression.repository';

/** Outbox kinds of the mails to subscribers (metrics and the outbox list show them). */
const KINDS: Record<MailTemplate, string> = {
  confirm: 'newsletter.confirm',
  manageLink: 'newsletter.manage_link',
  unsubscribeLink: 'newsletter.unsubscribe_link',
  approveChange: 'newsletter.change_approve',
  changeConfirm: 'newsletter.change_confirm',
  goodbye: 'newsletter.goodbye',
};

export interface SubscriberMailSpec {
  /** The link the mail carries (empty for a goodbye). */
  readonly url: string;
  /** What the template names besides the link (the new address of a move). */
  readonly detail?: string;
  /** The subscriber the recipient is: their mails carry a one-click unsubscribe link. */
  readonly subscriberId?: number;
}

/**
 * The one way a mail reaches a subscriber's (or would-be subscriber's) mailbox, other than newsletters: confirmations,
 * links, address changes, goodbyes, the import's confirmations. Before anything is queued, the suppression list is
 * consulted and the recipient's mail budget is charged; `build` runs only if the mail will go, so no token is issued
 * for a mail that is not sent.
 */
@Injectable()
export class SubscriberMailer {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly budgets: MailBudgetRepository,
    private readonly links: SubscriberLinks,
    private readonly config: AppConfig,
  ) {}

  /** Queues the mail in `tx`; false when the address is suppressed for it or its budget is spent. */
  async send(tx: Tx, to: string, template: MailTemplate, build: () => Promise<SubscriberMailSpec>): Promise<boolean> {
    const hash = addressHash(to);
    const reason = await this.suppressions.reasonFor(hash, tx);
    if (SuppressionRepository.blocks(reason, template === 'confirm' ? 'confirm' : 'other')) return false;
    if (!(await this.budgets.spend(tx, hash))) return false;
    const spec = await build();
    await this.outbox.enqueue(tx, KINDS[template], this.render(to, template, spec), { personHash: hash });
    return true;
  }

  /** Using a link from the mailbox proves someone is there: its budget's gap is lifted (see mail-budget.ts). */
  answered(tx: Tx, address: string): Promise<void> {
    return this.budgets.answered(tx, addressHash(address));
  }

  /** The message as it will be queued (also used to preview templates in development). */
  render(to: string, template: MailTemplate, spec: SubscriberMailSpec): MailMessage {
    const content = mails[template](to, spec.url, this.config.siteName, spec.detail);
    const url = spec.subscriberId === undefined ? undefined : this.links.unsubscribe(spec.subscriberId);
    return subscriberMail(content, {
      siteName: this.config.siteName,
      unsubscribe: url === undefined ? undefined : { url, headers: this.links.listUnsubscribeHeaders(url) },
    });
  }
}
