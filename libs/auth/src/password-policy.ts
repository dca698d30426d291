import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'must be at most 256 characters';
  const lowered = password.toLowerCase();
  const core = lowered.replace(/[\d\W_]+$/u, '');
  if (COMMON_PASSWORDS.has(lowered) || COMMON_PASSWORDS.has(core)) return 'is too common';
  if (lowered.includes(username.toLowerCase())) return 'must not contain the username';
  if (new Set(password).size < 4) return 'is too repetitive';
  return undefined;
}
