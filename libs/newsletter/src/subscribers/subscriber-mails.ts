import { escapeHtml, type MailMessage } from '@mailroom/platform';

export interface MailContext {
  readonly siteName: string;
  /** The subscriber's one-click unsubscribe URL (RFC 8058), with the List-Unsubscribe headers that go with it. */
  readonly unsubscribe?: { readonly url: string; readonly headers: Readonly<Record<string, string>> };
}

export interface MailContent {
  readonly to: string;
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly action?: { readonly label: string; readonly url: string };
}

function html(content: MailContent, context: MailContext): string {
  const paragraphs = content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const action = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#0a58ca;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p><p style="font-size:13px;color:#555">Or open: ${escapeHtml(content.action.url)}</p>`
    : '';
  const footer = context.unsubscribe
    ? `<hr style="border:0;border-top:1px solid #ddd"><p style="font-size:12px;color:#666">Not for you? <a href="${escapeHtml(context.unsubscribe.url)}">Unsubscribe</a>.</p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f;max-width:560px;margin:auto;padding:16px">
<h2 style="margin-top:0">${escapeHtml(context.siteName)}</h2>${paragraphs}${action}
${footer}
</body></html>`;
}

function text(content: MailContent, context: MailContext): string {
  const action = content.action ? [`${content.action.label}: ${content.action.url}`, ''] : [];
  const footer = context.unsubscribe ? ['--', `Unsubscribe: ${context.unsubscribe.url}`] : [];
  return [...content.paragraphs.flatMap((p) => [p, '']), ...action, ...footer].join('\n');
}

/** Both parts, and the List-Unsubscribe headers when the mail goes to a subscriber. */
export function subscriberMail(content: MailContent, context: MailContext): MailMessage {
  return {
    to: [content.to],
    subject: content.subject,
    text: text(content, context),
    html: html(content, context),
    ...(context.unsubscribe ? { headers: { ...context.unsubscribe.headers } } : {}),
  };
}

type Template = (to: string, url: string, site: string, detail?: string) => MailContent;
export type MailTemplate = 'confirm' | 'manageLink' | 'unsubscribeLink' | 'approveChange' | 'changeConfirm' | 'goodbye';

/** Every template takes (recipient, link, site name, and what else it names); the goodbye has no link. */
export const mails: Record<MailTemplate, Template> = {
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
  /** To the current address: nothing moves unless its owner approves (and then the new address confirms). */
  approveChange: (to: string, url: string, site: string, newAddress = 'another address') => ({
    to,
    subject: `Approve moving your ${site} subscription`,
    paragraphs: [
      `Someone asked to move your ${site} newsletter subscription from this address to ${newAddress}.`,
      'Nothing changes unless you approve; the new address then confirms too. If this was not you, ignore this email: your subscription stays as it is.',
    ],
    action: { label: 'Approve the move', url },
  }),
  /** To the new address, once the move is approved (or asked for with a manage link). */
  changeConfirm: (to: string, url: string, site: string) => ({
    to,
    subject: `Confirm your new address for ${site}`,
    paragraphs: [
      `Someone asked to move a ${site} newsletter subscription to this address.`,
      'The change happens only when you confirm. It works for 24 hours.',
    ],
    action: { label: 'Confirm new address', url },
  }),
  goodbye: (to: string, _url: string, site: string) => ({
    to,
    subject: `You have unsubscribed from ${site}`,
    paragraphs: [`You will not receive the ${site} newsletter any more. Sorry to see you go.`],
  }),
};
