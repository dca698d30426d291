import { escapeHtml, renderPage } from '@mailroom/platform';

export function thankYouPage(siteName: string): string {
  return renderPage({
    title: 'Thank you',
    siteName,
    body: `<h1>Thank you</h1><p class="notice">Your message reached ${escapeHtml(siteName)}. We will get back to you soon.</p>`,
  });
}
