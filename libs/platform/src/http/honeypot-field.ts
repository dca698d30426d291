/**
 * Every field a public form may send. The honeypot may not be one of them: a genuine submission that filled it would
 * be silently thrown away as spam. A test checks the public DTOs against this list, so a new field is added here too.
 */
export const PUBLIC_FORM_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'email',
  'message',
  'company',
  'timeline',
  'metadata',
  'source',
  'token',
  'action',
  'csrf',
  'new_email',
  'old_email',
  'reason',
  'List-Unsubscribe',
]);

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** Why a name cannot be the honeypot field, or undefined when it can. */
export function honeypotFieldProblem(name: string): string | undefined {
  if (!FIELD_NAME.test(name)) return 'must be a simple field name';
  if ([...PUBLIC_FORM_FIELDS].some((field) => field.toLowerCase() === name.toLowerCase()))
    return 'must not be a field the forms really send (name, email, message, company, …)';
  return undefined;
}
