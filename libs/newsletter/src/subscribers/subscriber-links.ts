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

  /** The headers that let mail clients offer their own unsubscribe button. */
  listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
    const targets = [`<${unsubscribeUrl}>`];
    const mailto = this.config.newsletter.unsubscribeMailto;
    if (mailto) targets.push(`<mailto:${mailto}?subject=unsubscribe>`);
    return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }
}
