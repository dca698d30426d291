import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OWNER_PASSWORD, startAdminApp, type AdminSession } from './support/admin';
import { newContact, postJson, type TestApp } from './support/app';
import { launchBrowser, newPage, screenshot, signInThroughUi } from './support/browser';
import { testDialect } from './support/database';
import { seedSubscribers } from './support/newsletters';
import { TestSmtpServer } from './support/smtp';
import { waitFor } from './support/wait';

// The dashboard end to end: the real build, served by the real API on SQLite, driven in real Chromium.
const describeSqlite = testDialect() === 'sqlite' ? describe : describe.skip;

describeSqlite('admin dashboard in Chromium', () => {
  let t: TestApp;
  let owner: AdminSession;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const smtp = new TestSmtpServer();

  const count = async (sql: string, params: Record<string, unknown> = {}) =>
    Number((await t.query<{ n: number }>(sql, params))[0].n);

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner } = await startAdminApp({ ...smtp.env(), RATE_LIMIT_MAX: '0', NEWSLETTER_BATCH_SIZE: '20' }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  /** Each test starts signed in, in a fresh browser context of its own. */
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page, problems } = await newPage(context));
    await page.goto(`${t.url}/admin/`);
    await signInThroughUi(page, 'owner', OWNER_PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });
  afterEach(async () => {
    // Every page the test visited loaded: no error panel left on the last one.
    expect(await page.getByText('Could not load this').count()).toBe(0);
    await context.close();
    // No CSP violation, console error or uncaught exception anywhere in the test.
    expect(problems).toEqual([]);
  });

  it('signs in, returns to the page asked for, sends an expired session back to sign-in, and signs out', async () => {
    await screenshot(page, 'dashboard');
    await context.clearCookies();
    await page.getByRole('link', { name: 'Subscribers' }).click();
    // The 401 of the next API call leads to sign-in, remembering where the admin was going.
    await page.waitForURL(/\/admin\/login\?next=%2Fsubscribers/);
    await screenshot(page, 'login');
    await signInThroughUi(page, 'owner', 'wrong-password-123');
    await page.getByText('Wrong username or password.').waitFor();
    await signInThroughUi(page, 'owner', OWNER_PASSWORD);
    await page.waitForURL(`${t.url}/admin/subscribers`);
    await page.getByRole('heading', { name: 'Subscribers' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/login/);
    const session = await page.evaluate(async () => (await fetch('/auth/session')).status);
    expect(session).toBe(401);
    await page.goto(`${t.url}/admin/newsletters`);
    await page.waitForURL(/\/admin\/login\?next=%2Fnewsletters/);
  });

  it('shows a submission posted through the public API, filters it with the state in the URL, and deletes it', async () => {
    const marker = `lighthouse${Date.now()}`;
    await postJson(t.url, '/api/contact', newContact({ name: 'Grace Hopper', message: `About the ${marker} project` }));
    await postJson(t.url, '/api/contact', newContact({ name: 'Alan Turing', message: 'Something else entirely' }));

    await page.getByRole('link', { name: 'Submissions' }).click();
    await page.getByRole('button', { name: 'Grace Hopper' }).waitFor();
    await page.getByRole('button', { name: 'Alan Turing' }).waitFor();
    await screenshot(page, 'submissions');

    await page.getByLabel('Search').fill(marker);
    await page.waitForURL(new RegExp(`q=${marker}`));
    await page.getByRole('button', { name: 'Alan Turing' }).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('button', { name: 'Grace Hopper' }).waitFor();
    expect(await page.getByRole('button', { name: 'Alan Turing' }).count()).toBe(0);
    expect(await page.getByLabel('Search').inputValue()).toBe(marker);

    await page.getByRole('button', { name: 'Grace Hopper' }).click();
    const drawer = page.getByRole('dialog', { name: 'Submission' });
    await drawer.getByText(`About the ${marker} project`).waitFor();
    await drawer.locator('label', { hasText: /^read$/ }).click();
    await page.getByText('Marked read').waitFor();
    await screenshot(page, 'submission-detail');
    await drawer.getByRole('button', { name: 'Delete submission' }).click();
    await page.getByRole('dialog', { name: 'Delete this submission?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Submission deleted').waitFor();
    await page.getByText('No submissions match').waitFor();
    expect(
      await count('SELECT COUNT(*) AS n FROM contact_submissions WHERE message LIKE :m', { m: `%${marker}%` }),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM contact_submissions WHERE name = 'Alan Turing'")).toBe(1);
  });

  it('imports subscribers from CSV: a dry run shows the changes and writes nothing, then applying writes them', async () => {
    const csv = [
      'email,name,plan',
      'ada@import.test,Ada,pro',
      'linus@import.test,Linus,free',
      'not-an-address,Bad,x',
    ].join('\n');
    await page.getByRole('link', { name: 'Subscribers' }).click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('or paste CSV').fill(csv);
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.getByTestId('import-create').getByText('2').waitFor();
    expect(await page.getByTestId('import-invalid').textContent()).toBe('1');
    await page.getByText('Row 4, email').waitFor();
    await screenshot(page, 'subscribers-import-preview');
    expect(await count("SELECT COUNT(*) AS n FROM subscribers WHERE email LIKE '%@import.test'")).toBe(0);

    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByText('Imported: 2 new').waitFor();
    await page.getByRole('button', { name: 'ada@import.test' }).waitFor();
    expect(await count("SELECT COUNT(*) AS n FROM subscribers WHERE email LIKE '%@import.test'")).toBe(2);

    await page.getByRole('button', { name: 'ada@import.test' }).click();
    const drawer = page.getByRole('dialog', { name: 'Subscriber' });
    await drawer.getByText('Consent history').waitFor();
    expect(await drawer.getByLabel('Metadata (JSON)').inputValue()).toContain('"plan": "pro"');
    await screenshot(page, 'subscriber-detail');
  });

  it('composes a newsletter with a live preview, sends it after confirming the audience, and shows progress to 100%', async () => {
    await seedSubscribers(t, 40, { prefix: 'ui-reader' });
    const confirmed = await count("SELECT COUNT(*) AS n FROM subscribers WHERE status = 'confirmed'");
    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('link', { name: 'New newsletter' }).click();
    await page.getByLabel('Subject').fill('Harbour lights');
    await page.getByRole('textbox', { name: 'Body' }).fill('Hello **{{name}}**, the lights are on.');
    // The preview is the server's rendering, inside a sandboxed iframe.
    // (Playwright cannot reach into a frame whose sandbox forbids scripts, so the frame's document is read instead.)
    const preview = page.locator('iframe[title="Email preview"]');
    await page.locator('iframe[title="Email preview"][srcdoc*="<strong>Sample Reader</strong>"]').waitFor();
    expect(await preview.getAttribute('sandbox')).toBe('');
    await page.getByRole('textbox', { name: 'Body' }).fill('Hello {{nmae}}');
    await page.getByText('Merge fields: {{name}}').first().waitFor();
    await page.getByRole('textbox', { name: 'Body' }).fill('Hello **{{name}}**, the lights are on.');
    await screenshot(page, 'newsletter-editor');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    await page.getByTestId('newsletter-status').getByText('draft').waitFor();

    await page.getByRole('button', { name: 'Send now' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this newsletter now?' });
    await confirm.getByText(`${confirmed} confirmed subscribers`).waitFor();
    await confirm.getByRole('button', { name: `Send to ${confirmed}` }).click();
    await page.getByTestId('progress-percent').getByText('100%').waitFor({ timeout: 30_000 });
    await page.getByTestId('newsletter-status').getByText('sent').waitFor();
    expect(await page.getByTestId('count-sent').textContent()).toBe(String(confirmed));
    // Per-recipient rows, filterable by delivery status.
    await page.getByRole('table', { name: 'Recipients' }).getByText('ui-reader0@example.com').waitFor();
    await page.getByRole('combobox', { name: 'Delivery status' }).click();
    await page.getByRole('option', { name: 'failed' }).click();
    await page.getByText('No recipients').waitFor();
    await screenshot(page, 'newsletter-sent');
    await waitFor(
      () => smtp.received.filter((mail) => mail.parsed.subject === 'Harbour lights').length >= confirmed,
      10_000,
      'every newsletter message at the SMTP server',
    );
    expect(smtp.received.filter((mail) => mail.parsed.subject === 'Harbour lights')).toHaveLength(confirmed);
  });

  it('changes a setting, shows validation problems inline, and the change takes effect', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const siteName = page.getByRole('textbox', { name: /SITE_NAME/ });
    await siteName.fill('Harbour Post');
    await page.getByRole('button', { name: 'Save SITE_NAME' }).click();
    await page.getByText('SITE_NAME saved').waitFor();
    await page
      .getByLabel(/SITE_NAME/)
      .locator('xpath=ancestor::div[contains(@class,"mantine-InputWrapper-root")]')
      .getByText('set here')
      .waitFor();

    await page.getByRole('textbox', { name: /RATE_LIMIT_MAX/ }).fill('lots');
    await page.getByRole('button', { name: 'Save RATE_LIMIT_MAX' }).click();
    await page.getByText('must be a whole number').waitFor();
    await screenshot(page, 'settings');

    // The public sign-in page carries the site name: the change is live.
    const login = await (await fetch(`${t.url}/auth/login`)).text();
    expect(login).toContain('Harbour Post');
    expect((await (await owner.request('/admin/api/settings')).json()) as unknown[]).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'RATE_LIMIT_MAX', value: 0 })]),
    );
  });

  it('renders a stored script-like name as text in the tables and the detail view (no stored XSS)', async () => {
    const evil = '<img src=x onerror=window.__xss=1>';
    await postJson(
      t.url,
      '/api/contact',
      newContact({ name: evil, message: `<script>window.__xss=2</script>${evil}` }),
    );
    await page.reload();
    await page.getByText(evil).first().waitFor(); // latest submissions on the dashboard
    await page.getByRole('link', { name: 'Submissions' }).click();
    await page.getByRole('button', { name: evil }).click();
    await page
      .getByRole('dialog', { name: 'Submission' })
      .getByText(`<script>window.__xss=2</script>${evil}`)
      .waitFor();
    await screenshot(page, 'xss-as-text');
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('audit log and admins: an owner adds a viewer, who can read but not change', async () => {
    await page.getByRole('link', { name: 'Admins' }).click();
    await page.getByRole('button', { name: 'Add admin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an admin' });
    await dialog.getByLabel('Username').fill('reader');
    await dialog.getByLabel('Initial password').fill('quiet-lantern-harbour-7');
    await dialog.getByRole('button', { name: 'Create admin' }).click();
    await page.getByText('reader can now sign in').waitFor();
    await screenshot(page, 'admins');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByText('admin.create').first().waitFor();
    await screenshot(page, 'audit');

    const viewer = await browser.newContext();
    const { page: viewerPage, problems: viewerProblems } = await newPage(viewer);
    await viewerPage.goto(`${t.url}/admin/newsletters`);
    await signInThroughUi(viewerPage, 'reader', 'quiet-lantern-harbour-7');
    await viewerPage.getByRole('heading', { name: 'Newsletters' }).waitFor();
    expect(await viewerPage.getByRole('link', { name: 'New newsletter' }).count()).toBe(0);
    expect(await viewerPage.getByRole('link', { name: 'Admins' }).count()).toBe(0);
    await viewer.close();
    expect(viewerProblems).toEqual([]);
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await page.getByRole('link', { name: 'Submissions' }).click();
    await page.getByRole('heading', { name: 'Submissions', exact: true }).waitFor();
    await screenshot(page, 'phone-submissions');
  });

  describe('another origin', () => {
    let hostile: Server;
    let hostileUrl: string;
    beforeAll(async () => {
      hostile = createServer((_request, response) => {
        response.setHeader('content-type', 'text/html');
        response.end(`<!doctype html><html><body>
<form id="steal" method="post" action="${t.url}/admin/api/contact/bulk-delete" target="sink">
  <input name="ids" value="1"></form>
<iframe name="sink"></iframe>
<script>
  window.readResult = fetch('${t.url}/admin/api/contact', { credentials: 'include' })
    .then((r) => r.text().then((body) => 'read:' + r.status + ':' + body.slice(0, 40)), (e) => 'blocked:' + e.name);
  window.postResult = fetch('${t.url}/admin/api/contact/bulk-delete', {
    method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"ids":[1]}'
  }).then((r) => 'status:' + r.status, (e) => 'blocked:' + e.name);
</script></body></html>`);
      });
      await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
      hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => hostile.close(() => resolve())));

    it('cannot use the admin session: fetch with credentials and a plain form POST both fail', async () => {
      await postJson(t.url, '/api/contact', newContact({ name: 'Kept Safe' }));
      const before = await count('SELECT COUNT(*) AS n FROM contact_submissions');
      const other = await context.newPage();
      await other.goto(hostileUrl);
      // Same host, other port: the browser sends the cookie (same site) but CORS hides every answer.
      expect(await other.evaluate('window.readResult')).toBe('blocked:TypeError');
      expect(await other.evaluate('window.postResult')).toBe('blocked:TypeError');
      // A form needs no CORS and carries the cookie, but not the session's CSRF token: refused.
      const [response] = await Promise.all([
        other.waitForResponse(`${t.url}/admin/api/contact/bulk-delete`),
        other.evaluate("document.getElementById('steal').submit()"),
      ]);
      expect(response.status()).toBe(403);
      expect(await count('SELECT COUNT(*) AS n FROM contact_submissions')).toBe(before);
      await other.close();
    });
  });
});
