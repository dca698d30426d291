import { escapeHtml, type MailMessage } from '@mailroom/platform';

export interface MailContext {
  readonly siteName: string;
  /** The one-click unsubscribe URL for this subscriber (RFC 8058); every mail to a subscriber carries it. */
  readonly unsubscribeUrl: string;
  readonly unsubscribeMailto: string | undefined;
}

interface Content {
  readonly to: string;
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly action?: { readonly label: string; readonly url: string };
}

function html(content: Content, context: MailContext): string {
  const paragraphs = content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const action = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#0a58ca;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p><p style="font-size:13px;color:#555">Or open: ${escapeHtml(content.action.url)}</p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f;max-width:560px;margin:auto;padding:16px">
<h2 style="margin-top:0">${escapeHtml(context.siteName)}</h2>${paragraphs}${action}
<hr style="border:0;border-top:1px solid #ddd"><p style="font-size:12px;color:#666">Not for you? <a href="${escapeHtml(context.unsubscribeUrl)}">Unsubscribe</a>.</p>
</body></html>`;
}

function text(content: Content, context: MailContext): string {
  const action = content.action ? [`${content.action.label}: ${content.action.url}`, ''] : [];
  return [
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...action,
    '--',
    `Unsubscribe: ${context.unsubscribeUrl}`,
  ].join('\n');
}

/** Wraps content in both parts and the List-Unsubscribe headers (https, and mailto when configured). */
export function subscriberMail(content: Content, context: MailContext): MailMessage {
  const targets = [`<${context.unsubscribeUrl}>`];
  if (context.unsubscribeMailto) targets.push(`<mailto:${context.unsubscribeMailto}?subject=unsubscribe>`);
  return {
    to: [content.to],
    subject: content.subject,
    text: text(content, context),
    html: html(content, context),
    headers: { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** Every template takes (recipient, link, site name); the last two have no link. */
export const mails = {
  confirm: (to: string, url: string, site: string) => ({
    to,
    subject: `Confirm your subscription to ${site}`,
    paragraphs: [
      `Someone (hopefully you) asked to receive the ${site} newsletter at this address.`,
      'Nothing will be sent until you confirm. If it was not you, ignore this email.',
    ],
    action: { label: 'Confirm subscription', url },
  }),
  manageLink: (to: string, url: string, site: string) => ({
    to,
    subject: `Manage your ${site} newsletter subscription`,
    paragraphs: [
      'Use this link to see or change your subscription, download your data or erase it. It works for 24 hours.',
    ],
    action: { label: 'Manage subscription', url },
  }),
  unsubscribeLink: (to: string, url: string, site: string) => ({
    to,
    subject: `Unsubscribe from ${site}`,
    paragraphs: [
      `We received a request to unsubscribe this address from the ${site} newsletter.`,
      'If it was you, use the button; otherwise ignore this email.',
    ],
    action: { label: 'Unsubscribe', url },
  }),
  changeConfirm: (to: string, url: string, site: string) => ({
    to,
    subject: `Confirm your new address for ${site}`,
    paragraphs: [
      `Someone asked to move a ${site} newsletter subscription to this address.`,
      'The change happens only when you confirm. It works for 24 hours.',
    ],
    action: { label: 'Confirm new address', url },
  }),
  changeNotice: (to: string, _url: string, site: string) => ({
    to,
    subject: `Address change requested for ${site}`,
    paragraphs: [
      `Someone asked to move your ${site} newsletter subscription to another address.`,
      'Nothing changes unless the new address confirms. If this was not you, you can ignore this email.',
    ],
  }),
  goodbye: (to: string, _url: string, site: string) => ({
    to,
    subject: `You have unsubscribed from ${site}`,
    paragraphs: [`You will not receive the ${site} newsletter any more. Sorry to see you go.`],
  }),
};
