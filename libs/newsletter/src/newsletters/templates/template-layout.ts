import sanitizeHtml from 'sanitize-html';
import { MERGE_FIELDS, mergeFieldsIn } from '../merge-fields';
import { NEWSLETTER_SANITIZE } from '../sanitize-rules';

/** Where a layout puts the newsletter's content. */
export const CONTENT_SLOT = 'content';
/** What a layout may use: the slot and the newsletter's own merge fields. */
export const LAYOUT_FIELDS: readonly string[] = [CONTENT_SLOT, ...MERGE_FIELDS];

/** A saved layout: HTML (sanitised) and plain text, each with one {{content}}. */
export interface NewsletterLayout {
  readonly html: string;
  readonly text: string;
}

/** CSS values a layout may set: words, numbers, units, colours; nothing that loads anything (no url()). */
const CSS_VALUE = [/^[#\w\s.,%'"-]+$/, /^rgba?\([\d\s.,%]+\)$/];
const LAYOUT_STYLES = [
  'background',
  'background-color',
  'border',
  'border-bottom',
  'border-collapse',
  'border-radius',
  'border-top',
  'color',
  'display',
  'font',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'height',
  'letter-spacing',
  'line-height',
  'margin',
  'margin-bottom',
  'margin-top',
  'max-width',
  'padding',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'padding-top',
  'text-align',
  'text-decoration',
  'vertical-align',
  'width',
];

/**
 * The layout's allow-list: the newsletter sanitiser's rules, widened for what email layouts are made of (tables with
 * their attributes, inline box styling); still no script, style element, form, event handler or remote CSS.
 */
const LAYOUT_SANITIZE: sanitizeHtml.IOptions = {
  ...NEWSLETTER_SANITIZE,
  allowedAttributes: {
    ...NEWSLETTER_SANITIZE.allowedAttributes,
    table: ['role', 'width', 'cellpadding', 'cellspacing', 'border', 'align', 'bgcolor'],
    td: ['align', 'valign', 'width', 'colspan', 'rowspan', 'bgcolor'],
    th: ['align', 'valign', 'width', 'colspan', 'rowspan', 'bgcolor'],
  },
  allowedStyles: { '*': Object.fromEntries(LAYOUT_STYLES.map((property) => [property, CSS_VALUE])) },
};

export function sanitizeLayoutHtml(html: string): string {
  return sanitizeHtml(html, LAYOUT_SANITIZE);
}

/**
 * What is wrong with a layout, by field: each part needs exactly one {{content}} and an {{unsubscribe_url}} (every
 * newsletter must offer a way out), and no merge field Mailroom does not fill. The HTML is judged as it will be sent,
 * after sanitising, so a slot or link the sanitiser removed counts as missing.
 */
export function layoutProblems(layout: NewsletterLayout): Record<string, string> {
  const problems: Record<string, string> = {};
  const parts = { html: sanitizeLayoutHtml(layout.html), text: layout.text };
  for (const [field, value] of Object.entries(parts)) {
    const names = mergeFieldsIn(value).map((found) => found.name);
    const unknown = [...new Set(names.filter((name) => !LAYOUT_FIELDS.includes(name)))];
    const slots = names.filter((name) => name === CONTENT_SLOT).length;
    if (unknown.length > 0)
      problems[field] =
        `unknown merge field ${unknown.map((name) => `{{${name}}}`).join(', ')}; use ${LAYOUT_FIELDS.map((name) => `{{${name}}}`).join(', ')}`;
    else if (slots !== 1) problems[field] = `must contain {{content}} exactly once (found ${slots})`;
    else if (!names.includes('unsubscribe_url')) problems[field] = 'must contain {{unsubscribe_url}}';
  }
  return problems;
}

/** The layout with its one {{content}} replaced (found by the merge-field scanner, not a pattern). */
export function fillSlot(layout: string, content: string): string {
  const slot = mergeFieldsIn(layout).find((found) => found.name === CONTENT_SLOT);
  return slot ? layout.slice(0, slot.start) + content + layout.slice(slot.end) : layout + content;
}
