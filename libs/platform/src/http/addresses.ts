import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';

/** Characters a local part may hold besides letters and digits (RFC 5322 atext, and the dot between atoms). */
const LOCAL_SYMBOLS = new Set("!#$%&'*+/=?^_{|}~.-");
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const PUNYCODE_TLD = /^xn--[a-z0-9-]{1,59}$/;

function isLocalPart(local: string): boolean {
  const chars = [...local];
  if (chars.length < 1 || chars.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return false;
  return chars.every((c) => LOCAL_SYMBOLS.has(c) || LETTER_OR_DIGIT.test(c));
}

function isLabel(label: string): boolean {
  const chars = [...label];
  if (chars.length < 1 || chars.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
  return chars.every((c) => c === '-' || LETTER_OR_DIGIT.test(c));
}

function isTopLabel(label: string): boolean {
  const chars = [...label];
  if (PUNYCODE_TLD.test(label.toLowerCase())) return true;
  return chars.length >= 2 && chars.length <= 63 && chars.every((c) => LETTER.test(c));
}

/**
 * One mailbox: local@domain with no display name, quotes, commas, spaces or line breaks, so it can never smuggle a
 * second address or a header into an email. Unicode letters are allowed, and so are punycode labels
 * (info@xn--e1afmkfd.xn--p1ai), so internationalised addresses work in either spelling. Checked by hand, one pass
 * over the characters: no regular expression with repetition sees the whole input.
 */
export function isMailbox(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 254) return false;
  const at = value.indexOf('@');
  if (at < 0 || at !== value.lastIndexOf('@')) return false;
  const domain = value.slice(at + 1);
  if (domain.length < 1 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return isLocalPart(value.slice(0, at)) && labels.slice(0, -1).every(isLabel) && isTopLabel(labels[labels.length - 1]);
}

/** The address as stored and shown: trimmed, with the domain lower-cased; the local part keeps its case. */
export function normaliseEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? email.trim()
    : `${email.slice(0, at).trim()}@${email
        .slice(at + 1)
        .trim()
        .toLowerCase()}`;
}

/**
 * Who an address reaches: the local part case-folded (every mainstream provider ignores its case) and the domain in
 * its ASCII (punycode) form, so `Ada@Пример.рф`, `ada@пример.рф` and `ada@xn--e1afmkfd.xn--p1ai` are one person.
 * Subscribers, mail budgets and suppressions are keyed by it.
 */
export function addressKey(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed.toLowerCase();
  const domain = trimmed.slice(at + 1).toLowerCase();
  return `${trimmed.slice(0, at).normalize('NFC').toLowerCase()}@${domainToASCII(domain) || domain}`;
}

/** SHA-256 of the address key: what is kept of an address where the address itself may not be (suppressions). */
export function addressHash(email: string): string {
  return createHash('sha256').update(addressKey(email)).digest('hex');
}
