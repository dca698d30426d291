/** The only merge fields: no template language, nothing else about a subscriber or the server is reachable. */
export const MERGE_FIELDS = ['name', 'email', 'unsubscribe_url', 'manage_url'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Readonly<Record<MergeField, string>>;

interface FieldAt {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/**
 * The merge fields in a text: `{{`, then anything without braces, then `}}`, the name trimmed. One left-to-right pass
 * (every character is looked at a bounded number of times), so no input can make it slow; a regular expression with
 * whitespace on both sides of a lazy group backtracks cubically on `{{` followed by a long run of spaces.
 */
export function mergeFieldsIn(text: string): FieldAt[] {
  const fields: FieldAt[] = [];
  let i = text.indexOf('{{');
  while (i >= 0) {
    let k = i + 2;
    while (k < text.length && text[k] !== '{' && text[k] !== '}') k++;
    if (text[k] === '}' && text[k + 1] === '}') {
      fields.push({ start: i, end: k + 2, name: text.slice(i + 2, k).trim() });
      i = text.indexOf('{{', k + 2);
    } else {
      // A brace inside: a field can only start at or after it.
      i = k >= text.length ? -1 : text.indexOf('{{', text[k] === '{' ? k - 1 : k + 1);
    }
  }
  return fields;
}
