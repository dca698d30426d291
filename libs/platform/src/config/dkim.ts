import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** DKIM signing for every mail Mailroom sends, or undefined when it is off. */
export interface DkimSettings {
  readonly domain: string;
  readonly selector: string;
  /** PEM, checked at boot to be a private key. */
  readonly privateKey: string;
}

/** A domain name as DNS spells it (labels of letters, digits and hyphens), checked without backtracking. */
const isDomain = (value: string) =>
  value.length <= 253 && value.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));

/**
 * The DKIM settings from DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (PEM; `\n` escapes allowed, as env files
 * cannot hold newlines) or DKIM_PRIVATE_KEY_FILE. All or nothing: a half-configured signer is a mistake reported at
 * boot, never mail that silently goes out unsigned. Problems name the variable, never echo the key.
 */
export function dkimSettings(
  raw: { DKIM_DOMAIN?: string; DKIM_SELECTOR?: string; DKIM_PRIVATE_KEY?: string; DKIM_PRIVATE_KEY_FILE?: string },
  cwd: string,
  problems: string[],
): DkimSettings | undefined {
  const { DKIM_DOMAIN: domain, DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY: inline, DKIM_PRIVATE_KEY_FILE: file } = raw;
  if ([domain, selector, inline, file].every((value) => value === undefined)) return undefined;
  const before = problems.length;
  if (domain === undefined || !isDomain(domain))
    problems.push('DKIM_DOMAIN: must be the signing domain, such as example.com');
  if (selector === undefined || !isDomain(selector)) problems.push('DKIM_SELECTOR: must be the selector, such as mail');
  if ((inline === undefined) === (file === undefined))
    problems.push('DKIM_PRIVATE_KEY: set it or DKIM_PRIVATE_KEY_FILE (one of them) with DKIM_DOMAIN');
  let privateKey = inline?.replace(/\\n/g, '\n');
  if (file !== undefined && inline === undefined) {
    try {
      privateKey = readFileSync(resolve(cwd, file), 'utf8');
    } catch {
      problems.push('DKIM_PRIVATE_KEY_FILE: cannot be read');
    }
  }
  if (privateKey !== undefined && problems.length === before) {
    try {
      createPrivateKey(privateKey);
    } catch {
      problems.push(`${inline !== undefined ? 'DKIM_PRIVATE_KEY' : 'DKIM_PRIVATE_KEY_FILE'}: is not a PEM private key`);
    }
  }
  return problems.length === before ? { domain: domain!, selector: selector!, privateKey: privateKey! } : undefined;
}
