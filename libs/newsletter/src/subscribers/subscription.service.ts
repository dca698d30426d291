import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import {
  AppConfig,
  METRIC,
  NotFound,
  OutboxDispatcher,
  normaliseEmail,
  type ClientInfo,
  isoTimestamp,
  isoTimestampOrNull,
  type Tx,
} from '@mailroom/platform';
import { spendMailBudget } from './mail-budget';
import { mails, subscriberMail } from './subscriber-mails';
import { EmailTaken, TokenInvalid } from './subscribers.errors';
import {
  SubscriberRepository,
  type SubscriberChanges,
  type SubscriberRow,
  type TokenRow,
} from './subscriber.repository';
import {
  TOKEN_LIFETIME_MS,
  hashEmail,
  hashToken,
  isTokenShaped,
  newToken,
  verifySignedUnsubscribeToken,
  type TokenPurpose,
} from './subscriber-tokens';

export interface SubscribeInput {
  readonly email: string;
  readonly name?: string;
  readonly metadata?: Record<string, unknown>;
  readonly source?: string;
}

export interface SubscriberView {
  readonly email: string;
  readonly name: string | null;
  readonly status: SubscriberRow['status'];
}

export type NewsletterEvent =
  'subscribe_requested' | 'confirmed' | 'unsubscribed' | 'erased' | 'spam' | 'email_changed';

@Injectable()
export class SubscriptionService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly config: AppConfig,
    private readonly dispatcher: OutboxDispatcher,
    @InjectMetric(METRIC.newsletterEvents) private readonly events: Counter<'event'>,
  ) {}

  /**
   * POST /api/newsletter. The caller learns nothing about the address: the same outcome for new, pending, confirmed
   * and unsubscribed. With double opt-in nothing changes until the confirmation link is used.
   */
  async subscribe(input: SubscribeInput, client: ClientInfo, honeypotTripped: boolean): Promise<void> {
    if (honeypotTripped) return this.count('spam');
    const email = normaliseEmail(input.email);
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.subscribers.lockOrCreate(tx, email, {
        name: input.name ?? null,
        metadata: input.metadata ? JSON.stringify(input.metadata) : null,
        source: input.source ?? null,
      });
      if (subscriber.status === 'confirmed') return;
      const consent: SubscriberChanges = {
        subscribed_at: new Date(),
        subscribe_ip: client.ip,
        subscribe_user_agent: client.userAgent ?? null,
      };
      if (!this.config.newsletter.doubleOptIn) {
        await this.subscribers.update(tx, subscriber.id, {
          ...consent,
          ...this.confirmation(client),
          status: 'confirmed',
        });
        await this.subscribers.unsuppress(tx, hashEmail(email));
        return;
      }
      // A stranger may not rewrite a confirmed or unsubscribed person's details; a pending request is theirs to redo.
      const details: SubscriberChanges =
        subscriber.status === 'pending'
          ? {
              name: input.name ?? subscriber.name,
              metadata: input.metadata ? JSON.stringify(input.metadata) : subscriber.metadata,
              source: input.source ?? subscriber.source,
              ...consent,
            }
          : {};
      await this.requestConfirmation(tx, subscriber, details);
    });
    this.count('subscribe_requested');
    this.dispatcher.nudge();
  }

  /**
   * Queues the double opt-in email (within the address's mail budget), applying `pending` changes in the same write.
   * Also used by the admin CSV import. The caller nudges the dispatcher after its transaction commits.
   */
  async requestConfirmation(tx: Tx, subscriber: SubscriberRow, pending: SubscriberChanges = {}): Promise<boolean> {
    if (!(await this.mayMail(tx, subscriber, pending))) return false;
    const token = await this.issue(tx, subscriber.id, 'confirm');
    await this.mail(
      tx,
      subscriber,
      'newsletter.confirm',
      mails.confirm(subscriber.email, this.link('confirm', token), this.config.siteName),
    );
    return true;
  }

  /** What a confirm link is about, for the page that asks for the click (GET changes nothing). */
  async inspectConfirmToken(token: unknown): Promise<{ purpose: 'confirm' | 'change_email'; email: string }> {
    return this.subscribers.transaction(async (tx) => {
      const { row, subscriber } = await this.resolve(tx, token, ['confirm', 'change_email'], false);
      return { purpose: row.purpose as 'confirm' | 'change_email', email: row.payload ?? subscriber.email };
    });
  }

  /** Uses a confirm or change-address link. Using it again is harmless. */
  async confirm(token: unknown, client: ClientInfo): Promise<SubscriberView> {
    const view = await this.subscribers.transaction(async (tx) => {
      const { row, subscriber } = await this.resolve(tx, token, ['confirm', 'change_email'], true);
      // Confirming twice is harmless; an address change is single-use, and a used one is just an invalid link.
      if (row.used_at !== null && row.purpose === 'confirm') return this.view(subscriber);
      if (row.used_at !== null) throw new TokenInvalid();
      if (row.purpose === 'change_email') {
        const target = row.payload!;
        const owner = await this.subscribers.findByEmail(tx, target, true);
        if (owner && owner.id !== subscriber.id) throw new EmailTaken();
        await this.subscribers.update(tx, subscriber.id, { email: target });
        await this.subscribers.markTokenUsed(tx, row.id);
        this.count('email_changed');
        return { ...this.view(subscriber), email: target };
      }
      await this.subscribers.update(tx, subscriber.id, { ...this.confirmation(client), status: 'confirmed' });
      await this.subscribers.markTokenUsed(tx, row.id);
      await this.subscribers.unsuppress(tx, hashEmail(subscriber.email));
      this.count('confirmed');
      return { ...this.view(subscriber), status: 'confirmed' as const };
    });
    return view;
  }

  /** One-click (RFC 8058) and link unsubscribes: idempotent, no cookie, CSRF token or Origin needed. */
  async unsubscribe(
    token: unknown,
    client: ClientInfo,
    options: { reason?: string; oneClick: boolean },
  ): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.resolve(tx, token, ['unsubscribe', 'manage'], true);
      if (subscriber.status === 'unsubscribed') return;
      await this.subscribers.update(tx, subscriber.id, {
        status: 'unsubscribed',
        unsubscribed_at: new Date(),
        unsubscribe_ip: client.ip,
        unsubscribe_reason: options.reason ?? (options.oneClick ? 'one-click' : null),
      });
      this.count('unsubscribed');
      // Mail providers send the one-click POST on the reader's behalf and expect silence afterwards.
      if (!options.oneClick)
        await this.mail(
          tx,
          subscriber,
          'newsletter.goodbye',
          mails.goodbye(subscriber.email, '', this.config.siteName),
        );
    });
    this.dispatcher.nudge();
  }

  /** DELETE /api/newsletter {email}: never unsubscribes on a stranger's word; the address gets a link instead. */
  async requestUnsubscribe(email: string): Promise<void> {
    await this.withSubscriber(email, async (tx, subscriber) => {
      if (subscriber.status === 'unsubscribed' || !(await this.mayMail(tx, subscriber))) return;
      const token = await this.issue(tx, subscriber.id, 'unsubscribe');
      await this.mail(
        tx,
        subscriber,
        'newsletter.unsubscribe_link',
        mails.unsubscribeLink(subscriber.email, this.unsubscribePage(token), this.config.siteName),
        token,
      );
    });
  }

  async requestManageLink(email: string): Promise<void> {
    await this.withSubscriber(email, async (tx, subscriber) => {
      if (!(await this.mayMail(tx, subscriber))) return;
      const token = await this.issue(tx, subscriber.id, 'manage');
      await this.mail(
        tx,
        subscriber,
        'newsletter.manage_link',
        mails.manageLink(subscriber.email, this.link('manage', token), this.config.siteName),
      );
    });
  }

  /** PUT /api/newsletter: the new address confirms before anything changes; the old one is told. */
  async requestChangeEmail(oldEmail: string, newEmail: string): Promise<void> {
    const target = normaliseEmail(newEmail);
    await this.withSubscriber(oldEmail, (tx, subscriber) => this.startEmailChange(tx, subscriber, target));
  }

  async manageView(token: unknown): Promise<SubscriberView> {
    return this.subscribers.transaction(async (tx) =>
      this.view((await this.resolve(tx, token, ['manage'], false)).subscriber),
    );
  }

  /** Manage page: the link itself proves the address, so re-subscribing needs no further confirmation. */
  async resubscribe(token: unknown, client: ClientInfo): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.resolve(tx, token, ['manage'], true);
      if (subscriber.status === 'confirmed') return;
      await this.subscribers.update(tx, subscriber.id, {
        ...this.confirmation(client),
        status: 'confirmed',
        unsubscribed_at: null,
        unsubscribe_reason: null,
      });
      await this.subscribers.unsuppress(tx, hashEmail(subscriber.email));
      this.count('confirmed');
    });
  }

  async updateProfile(token: unknown, changes: { name?: string; newEmail?: string }): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.resolve(tx, token, ['manage'], true);
      if (changes.name !== undefined) await this.subscribers.update(tx, subscriber.id, { name: changes.name });
      const target = changes.newEmail === undefined ? undefined : normaliseEmail(changes.newEmail);
      if (target !== undefined && target !== subscriber.email) await this.startEmailChange(tx, subscriber, target);
    });
    this.dispatcher.nudge();
  }

  /** Everything stored about the subscriber, for "download my data". */
  async export(token: unknown): Promise<Record<string, unknown>> {
    return this.subscribers.transaction(async (tx) => {
      const { subscriber: s } = await this.resolve(tx, token, ['manage'], false);
      return {
        email: s.email,
        name: s.name,
        status: s.status,
        source: s.source,
        metadata: s.metadata ? (JSON.parse(s.metadata) as unknown) : null,
        consent: {
          subscribed_at: isoTimestampOrNull(s.subscribed_at),
          subscribe_ip: s.subscribe_ip,
          subscribe_user_agent: s.subscribe_user_agent,
          confirmed_at: isoTimestampOrNull(s.confirmed_at),
          confirm_ip: s.confirm_ip,
          confirm_user_agent: s.confirm_user_agent,
          unsubscribed_at: isoTimestampOrNull(s.unsubscribed_at),
          unsubscribe_ip: s.unsubscribe_ip,
          unsubscribe_reason: s.unsubscribe_reason,
        },
        created_at: isoTimestamp(s.created_at),
        updated_at: isoTimestamp(s.updated_at),
      };
    });
  }

  /** Deletes the subscriber and their tokens, keeping only a hash of the address so it is never mailed by mistake. */
  async erase(token: unknown): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.resolve(tx, token, ['manage'], true);
      await this.subscribers.suppress(tx, hashEmail(subscriber.email), 'erased');
      await this.subscribers.delete(tx, subscriber.id);
    });
    this.count('erased');
  }

  /** Renders a mail template with sample values, for designing them (NODE_ENV=development only). */
  previewMail(template: string): string {
    if (this.config.env !== 'development' || !Object.hasOwn(mails, template)) throw new NotFound('No such preview');
    const sample = `${this.config.publicUrl}/api/newsletter/manage?token=${'x'.repeat(43)}`;
    const content = mails[template as keyof typeof mails]('reader@example.com', sample, this.config.siteName);
    const message = subscriberMail(content, {
      siteName: this.config.siteName,
      unsubscribeUrl: sample,
      unsubscribeMailto: this.config.newsletter.unsubscribeMailto,
    });
    return message.html ?? '';
  }

  private async startEmailChange(tx: Tx, subscriber: SubscriberRow, target: string): Promise<void> {
    if (target === subscriber.email || !(await this.mayMail(tx, subscriber))) return;
    const token = await this.issue(tx, subscriber.id, 'change_email', target);
    const site = this.config.siteName;
    await this.mail(
      tx,
      subscriber,
      'newsletter.change_confirm',
      mails.changeConfirm(target, this.link('confirm', token), site),
    );
    await this.mail(tx, subscriber, 'newsletter.change_notice', mails.changeNotice(subscriber.email, '', site));
  }

  /** Runs `work` on the subscriber with this address, if there is one; otherwise does nothing, visibly the same. */
  private async withSubscriber(email: string, work: (tx: Tx, s: SubscriberRow) => Promise<void>): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const subscriber = await this.subscribers.findByEmail(tx, normaliseEmail(email), true);
      if (subscriber) await work(tx, subscriber);
    });
    this.dispatcher.nudge();
  }

  /** Finds a live token of one of `purposes` and its subscriber; every kind of failure is the same TokenInvalid. */
  private async resolve(
    tx: Tx,
    token: unknown,
    purposes: TokenPurpose[],
    lock: boolean,
  ): Promise<{ row: TokenRow; subscriber: SubscriberRow }> {
    const signedFor = purposes.includes('unsubscribe')
      ? verifySignedUnsubscribeToken(this.config.secretKey, token)
      : undefined;
    if (signedFor !== undefined) {
      const subscriber = await this.subscribers.findById(tx, signedFor, lock);
      if (!subscriber) throw new TokenInvalid();
      const row: TokenRow = {
        id: 0,
        subscriber_id: signedFor,
        purpose: 'unsubscribe',
        payload: null,
        expires_at: null,
        used_at: null,
      };
      return { row, subscriber };
    }
    if (!isTokenShaped(token)) throw new TokenInvalid();
    const row = await this.subscribers.findToken(tx, hashToken(token));
    if (!row || !purposes.includes(row.purpose) || (row.expires_at !== null && row.expires_at.getTime() < Date.now()))
      throw new TokenInvalid();
    const subscriber = await this.subscribers.findById(tx, row.subscriber_id, lock);
    if (!subscriber) throw new TokenInvalid();
    return { row, subscriber };
  }

  private async issue(tx: Tx, subscriberId: number, purpose: TokenPurpose, payload?: string): Promise<string> {
    const { token, hash } = newToken();
    const lifetime = TOKEN_LIFETIME_MS[purpose];
    await this.subscribers.insertToken(tx, {
      subscriberId,
      purpose,
      hash,
      payload,
      expiresAt: lifetime === null ? null : new Date(Date.now() + lifetime),
    });
    return token;
  }

  /** Applies the per-address mail budget (and any other pending changes); false when the budget is spent. */
  private async mayMail(tx: Tx, subscriber: SubscriberRow, pending: SubscriberChanges = {}): Promise<boolean> {
    const budget = spendMailBudget(subscriber, Date.now());
    if (budget || Object.keys(pending).length > 0)
      await this.subscribers.update(tx, subscriber.id, { ...pending, ...budget });
    return budget !== undefined;
  }

  /** Queues a mail to a subscriber with a fresh one-click unsubscribe link in its headers and footer. */
  private async mail(
    tx: Tx,
    subscriber: SubscriberRow,
    kind: string,
    content: Parameters<typeof subscriberMail>[0],
    unsubscribeToken?: string,
  ): Promise<void> {
    const token = unsubscribeToken ?? (await this.issue(tx, subscriber.id, 'unsubscribe'));
    const message = subscriberMail(content, {
      siteName: this.config.siteName,
      unsubscribeUrl: `${this.config.publicUrl}/api/newsletter/unsubscribe/${token}`,
      unsubscribeMailto: this.config.newsletter.unsubscribeMailto,
    });
    await this.subscribers.enqueueMail(tx, kind, message);
  }

  private confirmation(client: ClientInfo): SubscriberChanges {
    return { confirmed_at: new Date(), confirm_ip: client.ip, confirm_user_agent: client.userAgent ?? null };
  }

  private link(page: 'confirm' | 'manage', token: string): string {
    return `${this.config.publicUrl}/api/newsletter/${page}?token=${token}`;
  }

  private unsubscribePage(token: string): string {
    return `${this.config.publicUrl}/api/newsletter/unsubscribe/${token}`;
  }

  private view(subscriber: SubscriberRow): SubscriberView {
    return { email: subscriber.email, name: subscriber.name, status: subscriber.status };
  }

  private count(event: NewsletterEvent): void {
    this.events.inc({ event });
  }
}
