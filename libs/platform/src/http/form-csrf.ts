import { createHmac, timingSafeEqual } from 'node:crypto';

const LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * Stateless CSRF tokens for the server-rendered forms: an HMAC (keyed by SECRET_KEY) over what the form acts on and
 * when it was rendered. A page from another site cannot produce one, and no cookie or session is needed.
 */
export class FormCsrf {
  constructor(private readonly secret: string) {}

  issue(scope: string, now = Date.now()): string {
    return `${now.toString(36)}.${this.sign(scope, now)}`;
  }

  verify(scope: string, value: unknown, now = Date.now()): boolean {
    if (typeof value !== 'string') return false;
    const [issuedText, signature] = value.split('.');
    const issued = parseInt(issuedText ?? '', 36);
    if (!signature || !Number.isFinite(issued) || now - issued > LIFETIME_MS || issued > now + 60_000) return false;
    const expected = Buffer.from(this.sign(scope, issued));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(scope: string, issued: number): string {
    return createHmac('sha256', this.secret).update(`form:${scope}:${issued}`).digest('base64url');
  }
}
