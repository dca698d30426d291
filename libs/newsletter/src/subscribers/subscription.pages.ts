import { escapeHtml, renderPage } from '@mailroom/platform';
import type { ConfirmTarget, SubscriberView } from './subscription.service';

/** Server-rendered, escaped, script-free pages: they work with JavaScript off and under a strict CSP. */
const BASE = '/api/newsletter';

const CONFIRM_TEXT: Record<ConfirmTarget['purpose'], { heading: string; question: string; button: string }> = {
  confirm: { heading: 'Confirm your subscription', question: 'Subscribe', button: 'Confirm' },
  approve_change: {
    heading: 'Approve moving your subscription',
    question: 'Move your subscription to',
    button: 'Approve',
  },
  change_email: { heading: 'Confirm your new address', question: 'Move the subscription to', button: 'Confirm' },
};

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

export const pages = {
  message: (site: string, title: string, text: string) =>
    renderPage({
      title,
      siteName: site,
      body: `<h1>${escapeHtml(title)}</h1><p class="notice">${escapeHtml(text)}</p><p><a href="${BASE}/manage">Newsletter settings</a></p>`,
    }),

  confirm: (site: string, token: string, email: string, purpose: ConfirmTarget['purpose']) => {
    const { heading, question, button } = CONFIRM_TEXT[purpose];
    return renderPage({
      title: 'Confirm',
      siteName: site,
      body: `<h1>${heading}</h1>
<p>${question} <strong>${escapeHtml(email)}</strong>?</p>
<form method="post" action="${BASE}/confirm">${hidden('token', token)}<button type="submit">${button}</button></form>`,
    });
  },

  unsubscribe: (site: string, token: string) =>
    renderPage({
      title: 'Unsubscribe',
      siteName: site,
      body: `<h1>Unsubscribe</h1><p>Stop receiving the ${escapeHtml(site)} newsletter?</p>
<form method="post" action="${BASE}/unsubscribe/${escapeHtml(token)}">
<label for="reason">Reason (optional)</label><input id="reason" name="reason" maxlength="500">
<button type="submit">Unsubscribe</button></form>`,
    }),

  manageAnonymous: (site: string, csrf: string) =>
    renderPage({
      title: 'Newsletter',
      siteName: site,
      body: `<h1>Newsletter</h1>
<form method="post" action="${BASE}/manage">${hidden('action', 'subscribe')}${hidden('csrf', csrf)}
<h2>Subscribe</h2><label for="s-email">Email</label><input id="s-email" name="email" type="email" required maxlength="254" autocomplete="email">
<label for="s-name">Name (optional)</label><input id="s-name" name="name" maxlength="200" autocomplete="name">
<button type="submit">Subscribe</button></form>
<form method="post" action="${BASE}/manage">${hidden('action', 'request_link')}${hidden('csrf', csrf)}
<h2>Already subscribed?</h2><p>We will email you a link to see and change your subscription.</p>
<label for="m-email">Email</label><input id="m-email" name="email" type="email" required maxlength="254" autocomplete="email">
<button type="submit" class="secondary">Email me a link</button></form>`,
    }),

  manage: (site: string, view: SubscriberView, token: string, csrf: string) => {
    const form = (action: string, label: string, extra = '', style = '') =>
      `<form method="post" action="${BASE}/manage">${hidden('action', action)}${hidden('token', token)}${hidden('csrf', csrf)}${extra}<button type="submit"${style}>${escapeHtml(label)}</button></form>`;
    const toggle =
      view.status === 'confirmed'
        ? form('unsubscribe', 'Unsubscribe', '', ' class="secondary"')
        : form('subscribe', 'Subscribe again');
    return renderPage({
      title: 'Your subscription',
      siteName: site,
      body: `<h1>Your subscription</h1>
<p><strong>${escapeHtml(view.email)}</strong>${view.name ? ` (${escapeHtml(view.name)})` : ''} — status: <strong>${escapeHtml(view.status)}</strong></p>
${toggle}
<h2>Change details</h2>
${form('update', 'Save', `<label for="name">Name</label><input id="name" name="name" maxlength="200" value="${escapeHtml(view.name ?? '')}"><label for="new_email">New email (we will ask it to confirm)</label><input id="new_email" name="new_email" type="email" maxlength="254">`)}
<h2>Your data</h2>
${form('export', 'Download my data', '', ' class="secondary"')}
${form('erase', 'Erase me', '<p>This deletes everything we store about you. It cannot be undone.</p>', ' class="secondary"')}`,
    });
  },
};
