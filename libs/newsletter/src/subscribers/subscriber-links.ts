import { Injectable } from '@nestjs/common';
import { AppConfig } from '@mailroom/platform';
import { signedUnsubscribeToken } from './subscriber-tokens';

const BASE = '/api/newsletter';

/**
 * Every link Mailroom mails to subscribers, and the List-Unsubscribe headers that go with them (RFC 2369, RFC 8058).
 * Built from PUBLIC_URL, never from a request's Host header.
 */
@Injectable()
export class SubscriberLinks {
  constructor(private readonly config: AppConfig) {}

  /** Confirm a subscription, approve an address change or confirm a new address (the page asks before acting). */
  confirm(token: string): string {
    return `${this.config.publicUrl}${BASE}/confirm?token=${token}`;
  }

  manage(token: string): string {
    return `${this.config.publicUrl}${BASE}/manage?token=${token}`;
  }

  /** The manage page without a token: where a reader asks for a link. */
  managePage(): string {
    return `${this.config.publicUrl}${BASE}/manage`;
  }

  /** One-click unsubscribe for this subscriber (GET shows a confirmation page; POST unsubscribes). */
  unsubscribe(subscriberId: number): string {
    return this.unsubscribeWith(signedUnsubscribeToken(this.config.secretKey, subscriberId));
  }

  unsubscribeWith(token: string): string {
    return `${this.config.publicUrl}${BASE}/unsubscribe/${token}`;
  }

  /** For previews and test sends: an unsubscribe link of the real shape that unsubscribes nobody (no token verifies). */
  previewUnsubscribe(): string {
    return this.unsubscribeWith('preview');
  }

  /**
   * The list headers of every subscriber mail: the unsubscribe targets mail clients offer a button for, and List-Id
   * (RFC 2919), which filters and spam scoring expect beside them (without it SpamAssassin's
   * LIST_PARTIAL_SHORT_MSG counts the list headers as incomplete).
   */
  listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
    const targets = [`<${unsubscribeUrl}>`];
    const mailto = this.config.newsletter.unsubscribeMailto;
    if (mailto) targets.push(`<mailto:${mailto}?subject=unsubscribe>`);
    return {
      'List-Id': this.listId(),
      'List-Unsubscribe': targets.join(', '),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  /** `"Site newsletter" <newsletter.host-of-PUBLIC_URL>`: stable for as long as the site's address is. */
  listId(): string {
    const phrase = `${this.config.siteName} newsletter`.replace(/["\\\r\n]/g, '');
    return `"${phrase}" <newsletter.${new URL(this.config.publicUrl).hostname}>`;
  }
}
