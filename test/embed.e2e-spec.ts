import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from './support/app';
import { launchBrowser, newPage } from './support/browser';
import { testDialect } from './support/database';

const describeSqlite = testDialect() === 'sqlite' ? describe : describe.skip;

/** A marketing site on another origin, with a CSP that allows no inline code and scripts only from Mailroom. */
function marketingPage(mailroom: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Example site</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src ${mailroom}; connect-src ${mailroom}; form-action ${mailroom}">
<script src="${mailroom}/embed.js" defer></script></head>
<body>
<form id="contact" data-mailroom="contact" action="${mailroom}/api/contact" method="post">
  <label>Name <input name="name"></label>
  <label>Email <input name="email"></label>
  <label>Message <textarea name="message"></textarea></label>
  <input name="website" tabindex="-1" autocomplete="off" hidden>
  <button type="submit">Send</button>
</form>
<form id="newsletter" data-mailroom="newsletter" action="${mailroom}/api/newsletter" method="post">
  <label>Email <input name="email"></label>
  <span data-mailroom-error="email"></span>
  <button type="submit">Subscribe</button>
</form>
</body></html>`;
}

describeSqlite('GET /embed.js: forms on another site, in Chromium', () => {
  let t: TestApp;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_MAX: '4', RATE_LIMIT_WINDOW: '60' });
    site = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(marketingPage(t.url));
    });
    await new Promise<void>((resolve) => site.listen(0, 'localhost', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site.close(resolve));
    await t.close();
  });

  it('is served cacheable, loadable from any origin, and revalidates with its ETag', async () => {
    const response = await fetch(`${t.url}/embed.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toContain('max-age');
    const source = await response.text();
    expect(source).not.toMatch(/\beval\(|new Function|innerHTML/);
    const etag = response.headers.get('etag')!;
    expect((await fetch(`${t.url}/embed.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('without JavaScript the same form still posts and lands on the thank-you page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(siteUrl);
      const contact = page.locator('#contact');
      await contact.getByLabel('Name').fill('Grace');
      await contact.getByLabel('Email').fill('grace@example.com');
      await contact.getByLabel('Message').fill('No script here');
      await Promise.all([page.waitForURL(`${t.url}/api/contact/thanks`), contact.getByRole('button').click()]);
      expect(await page.textContent('body')).toMatch(/thank/i);
      const rows = await t.query<{ email: string }>(
        "SELECT email FROM contact_submissions WHERE email = 'grace@example.com'",
      );
      expect(rows).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('with JavaScript: errors beside the inputs, then success in place, then "try again in N s"', async () => {
    const context = await browser.newContext();
    try {
      const { page, problems } = await newPage(context);
      await page.goto(siteUrl);
      await page.waitForSelector('form[data-mailroom-ready]');
      const contact = page.locator('#contact');
      await contact.getByLabel('Name').fill('Ada');
      await contact.getByLabel('Email').fill('not-an-address');
      await contact.getByLabel('Message').fill('Hello from the site');
      await contact.getByRole('button', { name: 'Send' }).click();
      const error = contact.locator('[data-mailroom-error="email"]');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/^Email /);
      expect(await contact.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
      expect(page.url()).toBe(siteUrl); // no navigation

      await contact.getByLabel('Email').fill('ada@example.com');
      await contact.getByRole('button', { name: 'Send' }).click();
      await contact.locator('[data-mailroom-status]', { hasText: 'Thank you' }).waitFor();
      expect(await contact.locator('[data-mailroom-error]').count()).toBe(0);
      const rows = await t.query("SELECT id FROM contact_submissions WHERE email = 'ada@example.com'");
      expect(rows).toHaveLength(1);

      const newsletter = page.locator('#newsletter');
      await newsletter.getByLabel('Email').fill('reader@example.com');
      await newsletter.getByRole('button', { name: 'Subscribe' }).click();
      await newsletter.locator('[data-mailroom-status]', { hasText: 'check your inbox' }).waitFor();

      // The limit is 4 per minute for this client: soon a submission is turned away with the wait.
      const status = contact.locator('[data-mailroom-status]');
      for (let i = 0; i < 8 && !/try again/.test((await status.textContent()) ?? ''); i++) {
        await contact.getByLabel('Name').fill('Ada');
        await contact.getByLabel('Email').fill(`ada${i}@example.com`);
        await contact.getByLabel('Message').fill('Again');
        await contact.getByRole('button', { name: 'Send' }).click();
        await contact.locator('[data-mailroom-status]:not(:empty)').waitFor();
        await contact.locator('button[type="submit"]:enabled').waitFor();
      }
      expect(await status.textContent()).toMatch(/^Too many attempts\. Please try again in \d+ s\.$/);
      const unexpected = problems.filter((problem) => !/status of (400|429)/.test(problem));
      expect(unexpected).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
