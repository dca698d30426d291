import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PURPOSES = ['confirm', 'manage', 'unsubscribe', 'change_email', 'approve_change'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const HOUR_MS = 60 * 60 * 1000;

/** How long each kind of link works. One-click unsubscribe links last as long as the subscriber. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number | null> = {
  confirm: 7 * 24 * HOUR_MS,
  manage: 24 * HOUR_MS,
  change_email: 24 * HOUR_MS,
  approve_change: 24 * HOUR_MS,
  unsubscribe: null,
};

/** 256 random bits, URL-safe. Not a UUID: nothing about it is guessable or ordered. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** Only the hash is stored, so a leaked database cannot be used to act for subscribers. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}

const SIGNED_UNSUBSCRIBE = /^s(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

function unsubscribeSignature(secret: string, subscriberId: number): string {
  return createHmac('sha256', secret).update(`mailroom:unsubscribe:${subscriberId}`).digest('base64url');
}

/**
 * The unsubscribe link in every mail to a subscriber: signed rather than stored, so sending to 100,000 people writes
 * no token rows. It only ever unsubscribes (never manages or erases), which is what a link forwarded with a
 * newsletter may do. Signed with SECRET_KEY: rotating the key retires the links in mails already sent.
 */
export function signedUnsubscribeToken(secret: string, subscriberId: number): string {
  return `s${subscriberId}.${unsubscribeSignature(secret, subscriberId)}`;
}

/** The subscriber a signed unsubscribe token names, if its signature is right. */
export function verifySignedUnsubscribeToken(secret: string, token: unknown): number | undefined {
  if (typeof token !== 'string') return undefined;
  const match = SIGNED_UNSUBSCRIBE.exec(token);
  if (!match) return undefined;
  const subscriberId = Number(match[1]);
  const expected = Buffer.from(unsubscribeSignature(secret, subscriberId));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? subscriberId : undefined;
}
