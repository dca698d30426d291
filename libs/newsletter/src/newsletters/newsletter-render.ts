import { convert } from 'html-to-text';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '@mailroom/platform';
import { MERGE_FIELDS, mergeFieldsIn, type MergeField, type MergeValues } from './merge-fields';
import { NEWSLETTER_SANITIZE } from './sanitize-rules';
import { fillSlot, sanitizeLayoutHtml, type NewsletterLayout } from './templates/template-layout';

export { MERGE_FIELDS, mergeFieldsIn, type MergeField, type MergeValues } from './merge-fields';

const isKnown = (name: string): name is MergeField => (MERGE_FIELDS as readonly string[]).includes(name);

/** Merge fields a text uses that are not in MERGE_FIELDS (shown to the admin as a validation error). */
export function unknownMergeFields(text: string): string[] {
  const unknown = new Set<string>();
  for (const { name } of mergeFieldsIn(text)) if (!isKnown(name)) unknown.add(`{{${name}}}`);
  return [...unknown];
}

/** Replaces each known merge field in a text (unknown ones stay as they are). */
function replaceKnown(text: string, replace: (field: MergeField) => string): string {
  let out = '';
  let last = 0;
  for (const { start, end, name } of mergeFieldsIn(text)) {
    if (!isKnown(name)) continue;
    out += text.slice(last, start) + replace(name);
    last = end;
  }
  return out + text.slice(last);
}

/**
 * Links such as [Unsubscribe]({{unsubscribe_url}}) come out of Markdown and the sanitiser URL-encoded
 * (%7B%7Bunsubscribe_url%7D%7D): turn those back into merge fields. A scan for the encoded braces, not a pattern.
 */
function decodeEncodedFields(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let last = 0;
  for (let i = lower.indexOf('%7b%7b'); i >= 0; i = lower.indexOf('%7b%7b', i + 6)) {
    let k = i + 6;
    while (k < lower.length && /\w/.test(lower[k])) k++;
    const name = html.slice(i + 6, k);
    if (k > i + 6 && lower.startsWith('%7d%7d', k)) {
      out += `${html.slice(last, i)}{{${name}}}`;
      last = k + 6;
      i = k;
    }
  }
  return out + html.slice(last);
}

export interface NewsletterContent {
  readonly subject: string;
  readonly preheader: string | null;
  readonly body: string;
  readonly format: 'markdown' | 'html';
}

export interface SiteContext {
  readonly siteName: string;
  readonly postalAddress: string | undefined;
}

/** A template split at its merge fields: literal text and field names alternate. */
type Parts = readonly (string | { field: MergeField })[];

export interface CompiledNewsletter {
  readonly subject: Parts;
  readonly html: Parts;
  readonly text: Parts;
}

export interface RenderedNewsletter {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

/** The body as safe HTML: Markdown rendered with raw HTML off, or HTML sanitised; merge fields survive as {{field}}. */
export function bodyHtml(content: Pick<NewsletterContent, 'body' | 'format'>): string {
  const raw = content.format === 'markdown' ? markdown.render(content.body) : content.body;
  // Links such as [Unsubscribe]({{unsubscribe_url}}) come out URL-encoded; turn them back into merge fields.
  return decodeEncodedFields(sanitizeHtml(raw, NEWSLETTER_SANITIZE));
}

function layout(content: NewsletterContent, body: string, site: SiteContext): string {
  const preheader = preheaderHtml(content);
  const address = site.postalAddress ? `<p style="margin:4px 0">${escapeHtml(site.postalAddress)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">${preheader}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="padding:24px 28px 0;font:600 18px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d1d1f">${escapeHtml(site.siteName)}</td></tr>
<tr><td style="padding:8px 28px 24px;font:16px/1.6 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d1d1f">${body}</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px"><tr><td style="padding:16px 28px;font:12px/1.5 system-ui,sans-serif;color:#6b6b70;text-align:center">
<p style="margin:4px 0">You receive this because you subscribed to ${escapeHtml(site.siteName)}.</p>
<p style="margin:4px 0"><a href="{{unsubscribe_url}}" style="color:#6b6b70">Unsubscribe</a> · <a href="{{manage_url}}" style="color:#6b6b70">Manage your subscription</a></p>
${address}</td></tr></table>
</td></tr></table></body></html>`;
}

/** A saved layout is body markup: the document around it, with the preheader first, is always Mailroom's. */
function document(content: NewsletterContent, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0">${preheaderHtml(content)}${body}</body></html>`;
}

function preheaderHtml(content: NewsletterContent): string {
  return content.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeHtml(content.preheader)}</div>`
    : '';
}

function footerText(site: SiteContext): string {
  return [
    '',
    '--',
    `You receive this because you subscribed to ${site.siteName}.`,
    'Unsubscribe: {{unsubscribe_url}}',
    'Manage your subscription: {{manage_url}}',
    ...(site.postalAddress ? [site.postalAddress] : []),
  ].join('\n');
}

function split(template: string): Parts {
  const parts: (string | { field: MergeField })[] = [];
  let last = 0;
  for (const { start, end, name } of mergeFieldsIn(template)) {
    if (!isKnown(name)) continue;
    parts.push(template.slice(last, start), { field: name });
    last = end;
  }
  parts.push(template.slice(last));
  return parts;
}

/**
 * Renders the parts shared by every recipient once; only the merge fields are filled in per message. Without a saved
 * layout the built-in one frames the content (site name, footer with the unsubscribe and manage links, the postal
 * address); a saved layout (already checked by layoutProblems) takes its place in both parts.
 */
export function compileNewsletter(
  content: NewsletterContent,
  site: SiteContext,
  custom?: NewsletterLayout,
): CompiledNewsletter {
  const body = bodyHtml(content);
  // Merge fields travel through the text conversion as private-use characters, which it neither wraps nor upper-cases.
  const marked = replaceKnown(body, (field) => `\uE000${MERGE_FIELDS.indexOf(field)}\uE001`);
  const text = convert(marked, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4'].map((selector) => ({ selector, options: { uppercase: false } })),
    ],
  }).replace(/\uE000(\d)\uE001/g, (_, index: string) => `{{${MERGE_FIELDS[Number(index)]}}}`);
  if (custom)
    return {
      subject: split(content.subject),
      html: split(document(content, fillSlot(sanitizeLayoutHtml(custom.html), body))),
      text: split(`${fillSlot(custom.text, text)}\n`),
    };
  return {
    subject: split(content.subject),
    html: split(layout(content, body, site)),
    text: split(`${text}\n${footerText(site)}\n`),
  };
}

function fill(parts: Parts, values: MergeValues, escape: (value: string) => string): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : escape(values[part.field]);
  return out;
}

export function personalise(compiled: CompiledNewsletter, values: MergeValues): RenderedNewsletter {
  return {
    // A subject is one header line: no line breaks from a subscriber's name.
    subject: fill(compiled.subject, values, (value) => value.replace(/[\r\n]+/g, ' ')),
    html: fill(compiled.html, values, escapeHtml),
    text: fill(compiled.text, values, (value) => value),
  };
}

/**
 * A newsletter for the public archive: the body alone (the page has its own frame), for a reader nobody knows.
 * Personal merge fields get neutral words and the links point at the public subscription page, so nothing in it
 * identifies or acts for a subscriber.
 */
export function renderForArchive(
  content: NewsletterContent,
  publicLinks: { readonly managePage: string },
): { subject: string; html: string } {
  const values: MergeValues = {
    name: 'reader',
    email: '',
    unsubscribe_url: publicLinks.managePage,
    manage_url: publicLinks.managePage,
  };
  return {
    subject: fill(split(content.subject), values, (value) => value),
    html: fill(split(bodyHtml(content)), values, escapeHtml),
  };
}
