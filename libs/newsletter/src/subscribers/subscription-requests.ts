import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, OutboxTasks, addressHash, addressKey, type Tx } from '@mailroom/platform';
import { SubscriberLinks } from './subscriber-links';
import { SubscriberMailer } from './subscriber-mailer';
import { SubscriberRepository, type SubscriberChanges } from './subscriber.repository';
import { SubscriberTokens } from './subscriber-token.service';
import { SuppressionRepository } from './suppression.repository';

export const SUBSCRIPTION_REQUEST = 'subscription.request';

/** Who asked, and when: the consent record of a confirmation comes from the request it confirms. */
export interface RequestOrigin {
  readonly ip: string;
  readonly user_agent: string | null;
  readonly at: string;
}

/** What a stranger may ask for by address, queued as it came; nothing about the address is looked at in the request. */
export type SubscriptionRequest =
  | {
      readonly action: 'subscribe';
      readonly email: string;
      readonly name?: string;
      readonly metadata?: Record<string, unknown>;
      readonly source?: string;
      readonly origin: RequestOrigin;
    }
  | { readonly action: 'unsubscribe_link'; readonly email: string }
  | { readonly action: 'manage_link'; readonly email: string }
  | { readonly action: 'change_email'; readonly email: string; readonly new_email: string };

/** A confirmation link's payload: the details of the subscribe request it confirms. */
export interface ConfirmPayload {
  readonly request: {
    readonly name: string | null;
    readonly metadata: string | null;
    readonly source: string | null;
  } & RequestOrigin;
}

/** An address change's payload: the address the subscription would move to. */
export interface ChangePayload {
  readonly email: string;
  readonly key: string;
}

/**
 * Does what public requests by address ask for, after they were answered. The public routes only queue the request
 * (one insert, the same for every address), so neither the answer, nor its timing, nor anything else an outsider can
 * see depends on whether the address is known. Here, in the outbox dispatcher, the address is looked up and at most
 * one mail goes to a mailbox that is Mailroom's to write to, within its budget.
 */
@Injectable()
export class SubscriptionRequests implements OnModuleInit {
  constructor(
    private readonly tasks: OutboxTasks,
    private readonly subscribers: SubscriberRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly tokens: SubscriberTokens,
    private readonly mailer: SubscriberMailer,
    private readonly links: SubscriberLinks,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.tasks.register(SUBSCRIPTION_REQUEST, (tx, payload) => this.process(tx, payload as SubscriptionRequest));
  }

  async process(tx: Tx, request: SubscriptionRequest): Promise<void> {
    switch (request.action) {
      case 'subscribe':
        return this.subscribe(tx, request);
      case 'unsubscribe_link':
        return this.unsubscribeLink(tx, request.email);
      case 'manage_link':
        return this.manageLink(tx, request.email);
      case 'change_email':
        return this.changeEmail(tx, request.email, request.new_email);
    }
  }

  /**
   * Double opt-in: a confirmation mail whose link carries this request's details; nothing a stranger typed is
   * stored on the subscriber until the address confirms. Single opt-in subscribes a new (or still pending) address at
   * once, but never someone who unsubscribed or was erased, and never lifts a suppression: they get the confirmation.
   */
  private async subscribe(tx: Tx, request: Extract<SubscriptionRequest, { action: 'subscribe' }>): Promise<void> {
    const suppressed = await this.suppressions.reasonFor(addressHash(request.email), tx);
    if (SuppressionRepository.blocks(suppressed, 'confirm')) return;
    const { subscriber } = await this.subscribers.lockOrCreate(tx, { email: request.email });
    if (subscriber.status === 'confirmed') return;
    const details: ConfirmPayload['request'] = {
      name: request.name ?? null,
      metadata: request.metadata ? JSON.stringify(request.metadata) : null,
      source: request.source ?? null,
      ...request.origin,
    };
    if (!this.config.newsletter.doubleOptIn && subscriber.status === 'pending' && suppressed === undefined) {
      await this.subscribers.update(tx, subscriber.id, {
        ...subscriberDetails(details),
        status: 'confirmed',
        confirmed_at: new Date(details.at),
        confirm_ip: details.ip,
        confirm_user_agent: details.user_agent,
      });
      return;
    }
    await this.mailer.send(tx, subscriber.email, 'confirm', async () => ({
      url: this.links.confirm(await this.tokens.issue(tx, subscriber.id, 'confirm', { request: details })),
      subscriberId: subscriber.id,
    }));
  }

  private async unsubscribeLink(tx: Tx, email: string): Promise<void> {
    const subscriber = await this.subscribers.lock(tx, email);
    if (!subscriber || subscriber.status === 'unsubscribed') return;
    await this.mailer.send(tx, subscriber.email, 'unsubscribeLink', async () => ({
      url: this.links.unsubscribeWith(await this.tokens.issue(tx, subscriber.id, 'unsubscribe')),
      subscriberId: subscriber.id,
    }));
  }

  private async manageLink(tx: Tx, email: string): Promise<void> {
    const subscriber = await this.subscribers.lock(tx, email);
    if (!subscriber) return;
    await this.mailer.send(tx, subscriber.email, 'manageLink', async () => ({
      url: this.links.manage(await this.tokens.issue(tx, subscriber.id, 'manage')),
      subscriberId: subscriber.id,
    }));
  }

  /** Only the current address can start a move: it gets a link to approve it, and nothing goes to the new one yet. */
  private async changeEmail(tx: Tx, email: string, newEmail: string): Promise<void> {
    const subscriber = await this.subscribers.lock(tx, email);
    if (!subscriber || subscriber.status === 'unsubscribed' || addressKey(newEmail) === subscriber.email_key) return;
    const payload: ChangePayload = { email: newEmail, key: addressKey(newEmail) };
    await this.mailer.send(tx, subscriber.email, 'approveChange', async () => ({
      url: this.links.confirm(await this.tokens.issue(tx, subscriber.id, 'approve_change', payload)),
      detail: newEmail,
      subscriberId: subscriber.id,
    }));
  }
}

/** The subscriber columns a confirmed request sets: its details and where it came from. */
export function subscriberDetails(details: ConfirmPayload['request']): SubscriberChanges {
  return {
    name: details.name,
    metadata: details.metadata,
    source: details.source,
    subscribed_at: new Date(details.at),
    subscribe_ip: details.ip,
    subscribe_user_agent: details.user_agent,
  };
}
