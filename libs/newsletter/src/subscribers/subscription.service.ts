import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import {
  AppConfig,
  METRIC,
  NotFound,
  OutboxNotifier,
  OutboxRepository,
  PersonalData,
  addressHash,
  addressKey,
  isoTimestamp,
  isoTimestampOrNull,
  normaliseEmail,
  personOf,
  type ClientInfo,
  type Tx,
} from '@mailroom/platform';
import { DeliveryRepository } from '../newsletters/delivery/delivery.repository';
import type { ManageActionDto } from './dto/manage-action.dto';
import { mails } from './subscriber-mails';
import { SubscriberLinks } from './subscriber-links';
import { SubscriberMailer } from './subscriber-mailer';
import { SubscriberRepository, type SubscriberChanges, type SubscriberRow } from './subscriber.repository';
import { SubscriberTokens, tokenPayload } from './subscriber-token.service';
import { EmailTaken, TokenInvalid } from './subscribers.errors';
import {
  SUBSCRIPTION_REQUEST,
  subscriberDetails,
  type ChangePayload,
  type ConfirmPayload,
  type SubscriptionRequest,
} from './subscription-requests';
import { SUPPRESSION_REASONS, SuppressionRepository } from './suppression.repository';

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
  'subscribe_requested' | 'confirmed' | 'unsubscribed' | 'erased' | 'spam' | 'email_changed' | 'change_approved';

/** What a confirm link does, for the page that asks for the click (GET changes nothing). */
export interface ConfirmTarget {
  readonly purpose: 'confirm' | 'change_email' | 'approve_change';
  /** The address subscribed (confirm) or the one the subscription moves to. */
  readonly email: string;
}

/** How the public routes answer: the same "check your inbox" for every request by address. */
export type SubscriptionOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'done'; readonly title: string; readonly text: string; readonly json: Record<string, unknown> }
  | { readonly kind: 'export'; readonly data: Record<string, unknown> };

const ACCEPTED: SubscriptionOutcome = { kind: 'accepted' };
const UNSUBSCRIBED: SubscriptionOutcome = {
  kind: 'done',
  title: 'Unsubscribed',
  text: 'You will not receive the newsletter any more.',
  json: { status: 'unsubscribed' },
};

/**
 * The public subscription flow. Requests by address are queued and done later by SubscriptionRequests, so their
 * answer, timing and side effects are the same for every address. Everything else acts through an emailed link (a
 * token), which proves the address.
 */
@Injectable()
export class SubscriptionService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly tokens: SubscriberTokens,
    private readonly mailer: SubscriberMailer,
    private readonly links: SubscriberLinks,
    private readonly outbox: OutboxRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly personalData: PersonalData,
    private readonly config: AppConfig,
    private readonly mailQueue: OutboxNotifier,
    @InjectMetric(METRIC.newsletterEvents) private readonly events: Counter<'event'>,
  ) {}

  /** POST /api/newsletter. A honeypot hit answers the same and leaves no trace. */
  async subscribe(input: SubscribeInput, client: ClientInfo, honeypotTripped: boolean): Promise<SubscriptionOutcome> {
    if (honeypotTripped) {
      this.count('spam');
      return ACCEPTED;
    }
    await this.queue({
      action: 'subscribe',
      email: normaliseEmail(input.email),
      name: input.name,
      metadata: input.metadata,
      source: input.source,
      origin: { ip: client.ip, user_agent: client.userAgent ?? null, at: new Date().toISOString() },
    });
    this.count('subscribe_requested');
    return ACCEPTED;
  }

  /** DELETE /api/newsletter {email}: never unsubscribes on a stranger's word; the address may get a link. */
  async requestUnsubscribe(email: string): Promise<SubscriptionOutcome> {
    await this.queue({ action: 'unsubscribe_link', email: normaliseEmail(email) });
    return ACCEPTED;
  }

  async requestManageLink(email: string): Promise<SubscriptionOutcome> {
    await this.queue({ action: 'manage_link', email: normaliseEmail(email) });
    return ACCEPTED;
  }

  /** PUT /api/newsletter: the current address is asked to approve; the new one hears nothing until it does. */
  async requestChangeEmail(oldEmail: string, newEmail: string): Promise<SubscriptionOutcome> {
    await this.queue({ action: 'change_email', email: normaliseEmail(oldEmail), new_email: normaliseEmail(newEmail) });
    return ACCEPTED;
  }

  /** POST /api/newsletter/manage: by address (the public calls) without a token, on that subscriber with one. */
  async manage(body: ManageActionDto, client: ClientInfo, honeypotTripped: boolean): Promise<SubscriptionOutcome> {
    const { action, token } = body;
    if (token === undefined) {
      if (action === 'subscribe')
        return this.subscribe({ email: body.email!, name: body.name }, client, honeypotTripped);
      if (action === 'update') return this.requestChangeEmail(body.email!, body.new_email!);
      if (action === 'unsubscribe') return this.requestUnsubscribe(body.email!);
      return this.requestManageLink(body.email!);
    }
    switch (action) {
      case 'export':
        return { kind: 'export', data: await this.export(token) };
      case 'erase':
        await this.erase(token);
        return {
          kind: 'done',
          title: 'Erased',
          text: 'Everything we stored about you is deleted.',
          json: { status: 'erased' },
        };
      case 'unsubscribe':
        return this.unsubscribe(token, client, { reason: body.reason, oneClick: false });
      case 'subscribe':
        await this.resubscribe(token, client);
        return { kind: 'done', title: 'Subscribed', text: 'Welcome back!', json: { status: 'confirmed' } };
      case 'update':
      case 'request_link':
        await this.updateProfile(token, { name: body.name, newEmail: body.new_email });
        return {
          kind: 'done',
          title: 'Saved',
          text: 'Your changes are saved. A new address takes effect once it confirms.',
          json: { status: 'saved' },
        };
    }
  }

  /** What a confirm link is about, for the page that asks for the click (GET changes nothing, opens no write). */
  async inspectConfirmToken(token: unknown): Promise<ConfirmTarget> {
    const { row, subscriber } = await this.tokens.resolve(token, ['confirm', 'change_email', 'approve_change']);
    const purpose = row.purpose as ConfirmTarget['purpose'];
    return {
      purpose,
      email: purpose === 'confirm' ? subscriber.email : (tokenPayload<ChangePayload>(row)?.email ?? ''),
    };
  }

  /** Uses a confirm link: subscribes, approves an address change, or confirms the new address. */
  async confirm(token: unknown, client: ClientInfo): Promise<SubscriptionOutcome> {
    const outcome = await this.subscribers.transaction(async (tx) => {
      const { row, subscriber } = await this.tokens.resolve(token, ['confirm', 'change_email', 'approve_change'], tx);
      // Confirming twice is harmless; the steps of an address change are single-use.
      if (row.used_at !== null && row.purpose === 'confirm') return confirmed(subscriber.email);
      if (row.used_at !== null) throw new TokenInvalid();
      await this.subscribers.markTokenUsed(tx, row.id);
      if (row.purpose === 'approve_change') return this.approveChange(tx, subscriber, tokenPayload<ChangePayload>(row));
      if (row.purpose === 'change_email') return this.moveTo(tx, subscriber, tokenPayload<ChangePayload>(row));
      const request = tokenPayload<ConfirmPayload>(row)?.request;
      await this.subscribers.update(tx, subscriber.id, {
        ...(request ? subscriberDetails(request) : {}),
        ...this.confirmation(client),
        status: 'confirmed',
        unsubscribed_at: null,
        unsubscribe_reason: null,
      });
      await this.suppressions.lift(tx, addressHash(subscriber.email));
      await this.mailer.answered(tx, subscriber.email);
      this.count('confirmed');
      return confirmed(subscriber.email);
    });
    this.mailQueue.mailQueued();
    return outcome;
  }

  /** One-click (RFC 8058) and link unsubscribes: idempotent, no cookie, CSRF token or Origin needed. */
  async unsubscribe(
    token: unknown,
    client: ClientInfo,
    options: { reason?: string; oneClick: boolean },
  ): Promise<SubscriptionOutcome> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.tokens.resolve(token, ['unsubscribe', 'manage'], tx);
      if (subscriber.status === 'unsubscribed') return;
      await this.subscribers.update(tx, subscriber.id, {
        status: 'unsubscribed',
        unsubscribed_at: new Date(),
        unsubscribe_ip: client.ip,
        unsubscribe_reason: options.reason ?? (options.oneClick ? 'one-click' : null),
      });
      this.count('unsubscribed');
      // Mail providers send the one-click POST on the reader's behalf and expect silence afterwards.
      if (options.oneClick) return;
      await this.mailer.answered(tx, subscriber.email);
      await this.mailer.send(tx, subscriber.email, 'goodbye', () => Promise.resolve({ url: '' }));
    });
    this.mailQueue.mailQueued();
    return UNSUBSCRIBED;
  }

  async manageView(token: unknown): Promise<SubscriberView> {
    return this.view((await this.tokens.resolve(token, ['manage'])).subscriber);
  }

  /** Manage page: the link itself proves the address, so re-subscribing needs no further confirmation. */
  async resubscribe(token: unknown, client: ClientInfo): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.tokens.resolve(token, ['manage'], tx);
      await this.mailer.answered(tx, subscriber.email);
      if (subscriber.status === 'confirmed') return;
      await this.subscribers.update(tx, subscriber.id, {
        ...this.confirmation(client),
        status: 'confirmed',
        unsubscribed_at: null,
        unsubscribe_reason: null,
      });
      await this.suppressions.lift(tx, addressHash(subscriber.email));
      this.count('confirmed');
    });
  }

  /** With a manage link the old address is proven: a new one only has to confirm itself. */
  async updateProfile(token: unknown, changes: { name?: string; newEmail?: string }): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.tokens.resolve(token, ['manage'], tx);
      await this.mailer.answered(tx, subscriber.email);
      const update: SubscriberChanges = {};
      if (changes.name !== undefined) update.name = changes.name;
      const target = changes.newEmail === undefined ? undefined : normaliseEmail(changes.newEmail);
      // The same mailbox spelled differently: nothing to confirm.
      if (target !== undefined && addressKey(target) === subscriber.email_key) update.email = target;
      if (Object.keys(update).length > 0) await this.subscribers.update(tx, subscriber.id, update);
      if (target !== undefined && addressKey(target) !== subscriber.email_key)
        await this.askNewAddress(tx, subscriber, target);
    });
    this.mailQueue.mailQueued();
  }

  /** Everything stored about the subscriber, for "download my data", with the mails sent to them. */
  async export(token: unknown): Promise<Record<string, unknown>> {
    const { subscriber: s } = await this.tokens.resolve(token, ['manage']);
    const [mailsSent, newsletters] = await Promise.all([
      this.outbox.mailsAbout(addressHash(s.email)),
      this.deliveries.forSubscriber(s.id),
    ]);
    const sent = [
      ...mailsSent.map((m) => ({ date: m.at, subject: m.subject, status: m.status })),
      ...newsletters.map((n) => ({ date: n.finished_at, subject: n.subject, status: n.status })),
    ].sort((a, b) => (b.date?.getTime() ?? Infinity) - (a.date?.getTime() ?? Infinity));
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
      mails: sent.map((m) => ({ date: isoTimestampOrNull(m.date), subject: m.subject, status: m.status })),
      created_at: isoTimestamp(s.created_at),
      updated_at: isoTimestamp(s.updated_at),
    };
  }

  /**
   * Deletes everything about the person in one transaction: the subscriber, their links, the address in delivery
   * rows, and what other modules keep about them (mails in the outbox, contact messages, audit mentions). A hash of
   * the address stays on the suppression list so it is never mailed by mistake.
   */
  async erase(token: unknown): Promise<void> {
    await this.subscribers.transaction(async (tx) => {
      const { subscriber } = await this.tokens.resolve(token, ['manage'], tx);
      const person = personOf(subscriber.email);
      await this.suppressions.suppress(tx, person.hash, SUPPRESSION_REASONS.erased);
      await this.subscribers.delete(tx, subscriber.id);
      await this.subscribers.deleteTokensNaming(tx, person.key);
      await this.personalData.erase(tx, person);
    });
    this.count('erased');
  }

  /** Renders a mail template with sample values, for designing them (NODE_ENV=development only). */
  previewMail(template: string): string {
    if (this.config.env !== 'development' || !Object.hasOwn(mails, template)) throw new NotFound('No such preview');
    const sample = this.links.manage('x'.repeat(43));
    return (
      this.mailer.render('reader@example.com', template as keyof typeof mails, { url: sample, subscriberId: 1 }).html ??
      ''
    );
  }

  /** The old address approved a move: now the new one is asked to confirm, and only then does anything move. */
  private async approveChange(
    tx: Tx,
    subscriber: SubscriberRow,
    change: ChangePayload | undefined,
  ): Promise<SubscriptionOutcome> {
    if (!change) throw new TokenInvalid();
    await this.mailer.answered(tx, subscriber.email);
    await this.askNewAddress(tx, subscriber, change.email);
    this.count('change_approved');
    return {
      kind: 'done',
      title: 'Approved',
      text: `We have sent a link to ${change.email}. The subscription moves once it is used.`,
      json: { status: 'change_approved', email: change.email },
    };
  }

  private async askNewAddress(tx: Tx, subscriber: SubscriberRow, target: string): Promise<void> {
    const payload: ChangePayload = { email: target, key: addressKey(target) };
    await this.mailer.send(tx, target, 'changeConfirm', async () => ({
      url: this.links.confirm(await this.tokens.issue(tx, subscriber.id, 'change_email', payload)),
    }));
  }

  private async moveTo(
    tx: Tx,
    subscriber: SubscriberRow,
    change: ChangePayload | undefined,
  ): Promise<SubscriptionOutcome> {
    if (!change) throw new TokenInvalid();
    const owner = await this.subscribers.lock(tx, change.email);
    if (owner && owner.id !== subscriber.id) throw new EmailTaken();
    await this.subscribers.update(tx, subscriber.id, { email: change.email });
    await this.mailer.answered(tx, change.email);
    this.count('email_changed');
    return confirmed(change.email, subscriber.status);
  }

  private async queue(request: SubscriptionRequest): Promise<void> {
    await this.subscribers.transaction((tx) =>
      this.outbox.enqueueTask(tx, SUBSCRIPTION_REQUEST, request, { personHash: addressHash(request.email) }),
    );
    this.mailQueue.mailQueued();
  }

  private confirmation(client: ClientInfo): SubscriberChanges {
    return { confirmed_at: new Date(), confirm_ip: client.ip, confirm_user_agent: client.userAgent ?? null };
  }

  private view(subscriber: SubscriberRow): SubscriberView {
    return { email: subscriber.email, name: subscriber.name, status: subscriber.status };
  }

  private count(event: NewsletterEvent): void {
    this.events.inc({ event });
  }
}

function confirmed(email: string, status: SubscriberRow['status'] = 'confirmed'): SubscriptionOutcome {
  return {
    kind: 'done',
    title: 'Confirmed',
    text: `${email} is subscribed. Thank you!`,
    json: { status, email },
  };
}
