import { Injectable } from '@nestjs/common';
import { AppConfig, type Tx } from '@mailroom/platform';
import { SubscriberRepository, type SubscriberRow, type TokenRow } from './subscriber.repository';
import {
  TOKEN_LIFETIME_MS,
  hashToken,
  isTokenShaped,
  newToken,
  verifySignedUnsubscribeToken,
  type TokenPurpose,
} from './subscriber-tokens';
import { TokenInvalid } from './subscribers.errors';

export interface ResolvedToken {
  readonly row: TokenRow;
  readonly subscriber: SubscriberRow;
}

/** Issues emailed links' tokens and finds what a token is for. Every failure is the same TokenInvalid. */
@Injectable()
export class SubscriberTokens {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly config: AppConfig,
  ) {}

  async issue(tx: Tx, subscriberId: number, purpose: TokenPurpose, payload?: unknown): Promise<string> {
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

  /**
   * A live token of one of `purposes` and its subscriber. Inside a transaction (`tx`) the subscriber is locked too, so
   * what the token does cannot race another change to that subscriber; without one it is a plain read.
   */
  async resolve(token: unknown, purposes: readonly TokenPurpose[], tx?: Tx): Promise<ResolvedToken> {
    const find = (id: number) => (tx ? this.subscribers.lockById(tx, id) : this.subscribers.findById(id));
    const signedFor = purposes.includes('unsubscribe')
      ? verifySignedUnsubscribeToken(this.config.secretKey, token)
      : undefined;
    if (signedFor !== undefined) {
      const subscriber = await find(signedFor);
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
    const row = await this.subscribers.findToken(hashToken(token), tx);
    if (!row || !purposes.includes(row.purpose) || (row.expires_at !== null && row.expires_at.getTime() < Date.now()))
      throw new TokenInvalid();
    const subscriber = await find(row.subscriber_id);
    if (!subscriber) throw new TokenInvalid();
    return { row, subscriber };
  }
}

/** A token's payload, parsed; links issued before payloads were JSON carry none. */
export function tokenPayload<T>(row: TokenRow): T | undefined {
  if (row.payload === null) return undefined;
  try {
    return JSON.parse(row.payload) as T;
  } catch {
    return undefined;
  }
}
