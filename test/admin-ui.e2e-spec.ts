import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OWNER_PASSWORD, addAdmin, startAdminApp, type AdminSession } from './support/admin';
import { newContact, postJson, type TestApp } from './support/app';
import { launchBrowser, newPage, screenshot, settled, signInThroughUi } from './support/browser';
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
    // 25 messages a second: a newsletter to 40 people takes long enough to watch its progress move.
    ({ t, owner } = await startAdminApp({
      ...smtp.env(),
      RATE_LIMIT_MAX: '0',
      NEWSLETTER_BATCH_SIZE: '10',
      NEWSLETTER_RATE_LIMIT: '25',
    }));
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
    // The export is of the current filter.
    const exportHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(exportHref).toContain(`q=${marker}`);
    const csv = await (await page.request.get(`${t.url}${exportHref}`)).text();
    expect(csv).toContain('Grace Hopper');
    expect(csv).not.toContain('Alan Turing');

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

  it('pages through submissions by cursor: next and previous follow the page, the URL keeps it, a reload shows it', async () => {
    const marker = `pager${Date.now()}`;
    for (let i = 1; i <= 12; i++)
      await postJson(
        t.url,
        '/api/contact',
        newContact({ name: `Pager ${String(i).padStart(2, '0')}`, message: marker }),
      );
    await page.goto(`${t.url}/admin/submissions?q=${marker}&per_page=10&sort_by=name&sort_order=asc`);
    await page.getByRole('button', { name: 'Pager 10' }).waitFor();
    await page.getByRole('button', { name: 'next page' }).click();
    await page.waitForURL(/cursor=/);
    await page.getByRole('button', { name: 'Pager 12' }).waitFor();
    expect(await page.getByRole('button', { name: 'Pager 01' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    await page.reload();
    await page.getByRole('button', { name: 'Pager 11' }).waitFor();
    await page.getByRole('button', { name: 'previous page' }).click();
    await page.getByRole('button', { name: 'Pager 01' }).waitFor();
    expect(await page.getByRole('button', { name: 'Pager 12' }).count()).toBe(0);
  });

  it('bulk-deletes the selected submissions after a confirmation that says how many', async () => {
    const marker = `bulk${Date.now()}`;
    for (const name of ['Bulk One', 'Bulk Two', 'Bulk Keep'])
      await postJson(t.url, '/api/contact', newContact({ name, message: `${marker} ${name}` }));
    await page.goto(`${t.url}/admin/submissions?q=${marker}`);
    await page.getByRole('button', { name: 'Bulk One' }).waitFor();
    await page
      .getByRole('checkbox', { name: /Select row/ })
      .first()
      .waitFor();
    for (const name of ['Bulk One', 'Bulk Two'])
      await page
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('checkbox')
        .check();
    await page.getByRole('button', { name: 'Delete 2 selected' }).click();
    await page.getByRole('dialog', { name: 'Delete 2 submissions?' }).getByRole('button', { name: 'Delete 2' }).click();
    await page.getByText('2 submissions deleted').waitFor();
    await page.getByRole('button', { name: 'Bulk One' }).waitFor({ state: 'detached' });
    expect(
      await count('SELECT COUNT(*) AS n FROM contact_submissions WHERE message LIKE :m', { m: `${marker}%` }),
    ).toBe(1);
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

    // Edit, with the JSON checked before it is sent.
    await drawer.getByLabel('Name').fill('Ada Lovelace');
    await drawer.getByLabel('Metadata (JSON)').fill('not json');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.getByText('Must be a JSON object').waitFor();
    await drawer.getByLabel('Metadata (JSON)').fill('{"plan": "enterprise"}');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Subscriber saved').waitFor();
    const [saved] = await t.query<{ name: string; metadata: string }>(
      "SELECT name, metadata FROM subscribers WHERE email = 'ada@import.test'",
    );
    expect(saved.name).toBe('Ada Lovelace');
    expect(JSON.parse(String(saved.metadata))).toEqual({ plan: 'enterprise' });

    await drawer.getByRole('button', { name: 'Unsubscribe' }).click();
    await page
      .getByRole('dialog', { name: 'Unsubscribe this person?' })
      .getByRole('button', { name: 'Unsubscribe' })
      .click();
    await page.getByText('ada@import.test unsubscribed').waitFor();
    await drawer.getByText('unsubscribed', { exact: true }).waitFor();
    expect(
      await count("SELECT COUNT(*) AS n FROM subscribers WHERE email = 'ada@import.test' AND status = 'unsubscribed'"),
    ).toBe(1);
  });

  it('composes a newsletter with a live preview, sends it after confirming the audience, and shows progress to 100%', async () => {
    await seedSubscribers(t, 40, { prefix: 'ui-reader' });
    const confirmed = await count("SELECT COUNT(*) AS n FROM subscribers WHERE status = 'confirmed'");
    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('link', { name: 'New newsletter' }).click();
    await page.getByRole('heading', { name: 'New newsletter' }).waitFor();
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
    // The bar moves while sending (server-sent events), never backwards, and ends at 100%.
    const seen: number[] = [];
    const percent = page.getByTestId('progress-percent');
    await percent.waitFor();
    for (let i = 0; i < 300 && seen.at(-1) !== 100; i++) {
      seen.push(Number((await percent.textContent())?.replace('%', '')));
      await page.waitForTimeout(50);
    }
    expect(seen.at(-1)).toBe(100);
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
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

    // A recipient's detail (linked by ?open=) lists the newsletter by subject, and leads back to it.
    const [reader] = await t.query<{ id: number }>("SELECT id FROM subscribers WHERE email = 'ui-reader0@example.com'");
    await page.goto(`${t.url}/admin/subscribers?open=${reader.id}`);
    const sentTo = page.getByRole('dialog', { name: 'Subscriber' }).getByRole('table', { name: 'Newsletters sent' });
    await sentTo.getByRole('row', { name: /Harbour lights sent/ }).waitFor();
    await sentTo.getByRole('link', { name: 'Harbour lights' }).click();
    await page.getByRole('heading', { name: 'Harbour lights' }).waitFor();
  });

  it('sends a test, schedules, cancels, and pauses and resumes a send', async () => {
    const create = async (subject: string) =>
      (
        (await (
          await owner.request('/admin/api/newsletters', { method: 'POST', body: { subject, body: 'Hi {{name}}' } })
        ).json()) as { id: number }
      ).id;
    const scheduled = await create('Scheduled news');
    await page.goto(`${t.url}/admin/newsletters/${scheduled}`);
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByLabel('Addresses').fill('me@example.org');
    await page.getByRole('dialog', { name: 'Send a test' }).getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test queued for 1 address').waitFor();
    await waitFor(
      () => smtp.received.some((mail) => mail.parsed.subject === '[Test] Scheduled news'),
      10_000,
      'the test message',
    );

    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByLabel('Send at (your local time)').fill('2099-06-01T09:30');
    await page
      .getByRole('dialog', { name: 'Schedule this newsletter' })
      .getByRole('button', { name: 'Schedule' })
      .click();
    await page.getByTestId('newsletter-status').getByText('scheduled').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('dialog', { name: 'Cancel this newsletter?' })
      .getByRole('button', { name: 'Cancel newsletter' })
      .click();
    await page.getByTestId('newsletter-status').getByText('cancelled').waitFor();

    await seedSubscribers(t, 200, { prefix: 'pause-reader' });
    const paused = await create('Paused news');
    await page.goto(`${t.url}/admin/newsletters/${paused}`);
    await page.getByRole('button', { name: 'Send now' }).click();
    await page
      .getByRole('dialog', { name: 'Send this newsletter now?' })
      .getByRole('button', { name: /Send to/ })
      .click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByTestId('newsletter-status').getByText('paused').waitFor();
    await screenshot(page, 'newsletter-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page
      .getByTestId('progress-percent')
      .getByText('100%')
      .waitFor({ timeout: 40_000 })
      .catch(async (error: Error) => {
        // Say where the send stood, so a failure on CI can be told apart: rows stuck in a lease, retries waiting, or
        // a page that stopped following a send that did finish.
        const rows = await t.query(
          `SELECT status, attempts, smtp_response, lease_owner IS NOT NULL AS leased, COUNT(*) AS n FROM deliveries
            WHERE newsletter_id = :id GROUP BY status, attempts, smtp_response, leased`,
          { id: paused },
        );
        const [newsletter] = await t.query('SELECT status FROM newsletters WHERE id = :id', { id: paused });
        const shown = await page.getByTestId('progress-percent').textContent();
        throw new Error(
          `${error.message}\nnewsletter ${JSON.stringify(newsletter)}, page shows ${shown}, deliveries ${JSON.stringify(rows)}`,
        );
      });
    await page.getByTestId('newsletter-status').getByText('sent').waitFor();
    const [{ total }] = (await t.query<{ total: number }>(
      'SELECT COUNT(*) AS total FROM deliveries WHERE newsletter_id = :id',
      { id: paused },
    )) as [{ total: number }];
    await waitFor(
      () => smtp.received.filter((mail) => mail.parsed.subject === 'Paused news').length >= Number(total),
      10_000,
      'every message of the paused and resumed newsletter',
    );
    expect(smtp.received.filter((mail) => mail.parsed.subject === 'Paused news')).toHaveLength(Number(total));
  });

  it('shows a sent newsletter in the public archive, where a reader finds it, and duplicates it as a new draft', async () => {
    const created = (await (
      await owner.request('/admin/api/newsletters', {
        method: 'POST',
        body: { subject: 'Harbour notes', body: 'Hello {{name}}, the tide is in.' },
      })
    ).json()) as { id: number };
    // Sent (the send itself is archive.e2e-spec's business): straight to its final state.
    await t.db.write("UPDATE newsletters SET status = 'sent', started_at = :now, finished_at = :now WHERE id = :id", {
      id: created.id,
      now: new Date(),
    });
    await page.goto(`${t.url}/admin/newsletters/${created.id}`);
    const toggle = page.getByRole('switch', { name: 'Show in the public archive' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click({ force: true }); // Mantine draws the switch over the (visually hidden) checkbox
    await page.getByText('Shown in the public archive').waitFor();
    const link = page.getByRole('link', { name: 'View in the archive' });
    // Built from PUBLIC_URL (in tests the default, with the configured port 0), so only the path is compared.
    expect(await link.getAttribute('href')).toMatch(new RegExp(`/archive/${created.id}$`));
    await screenshot(page, 'newsletter-archive-toggle');

    await page.goto(`${t.url}/archive`);
    const listed = page.getByRole('link', { name: 'Harbour notes' });
    expect(await listed.getAttribute('href')).toMatch(new RegExp(`/archive/${created.id}$`));
    await page.goto(`${t.url}/archive/${created.id}`); // the link itself points at PUBLIC_URL's port 0
    await page.getByRole('heading', { name: 'Harbour notes' }).waitFor();
    expect(await page.getByText('Hello reader, the tide is in.').count()).toBe(1);
    await screenshot(page, 'archive-issue');

    await page.goto(`${t.url}/admin/newsletters/${created.id}`);
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.waitForURL(/\/admin\/newsletters\/\d+\/edit$/);
    const copyId = Number(/newsletters\/(\d+)\/edit/.exec(page.url())![1]);
    expect(copyId).not.toBe(created.id);
    await page.getByText('Duplicated as a new draft').waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Harbour notes (copy)');
  });

  it('designs a template with a live preview, refuses one without its slot inline, and a newsletter renders through it', async () => {
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Templates' }).waitFor();
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByRole('heading', { name: 'New template' }).waitFor();
    // It starts from a layout that works: the preview already shows the sample issue in it.
    await page.locator('iframe[title="Email preview"][srcdoc*="Hello Sam Sample"]').waitFor();
    await page.getByLabel('Name').fill('Harbour frame');
    const html = page.getByRole('textbox', { name: 'HTML layout' });
    await html.fill(
      '<div><p>HARBOUR FRAME</p><p>the newsletter goes here</p><a href="{{unsubscribe_url}}">Leave</a></div>',
    );
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('must contain {{content}} exactly once (found 0)', { exact: true }).waitFor(); // inline, under the field
    expect(await count('SELECT COUNT(*) AS n FROM templates')).toBe(0);
    await html.fill('<div><p>HARBOUR FRAME</p>{{content}}<a href="{{unsubscribe_url}}">Leave</a></div>');
    await page.locator('iframe[title="Email preview"][srcdoc*="HARBOUR FRAME"][srcdoc*="This month"]').waitFor();
    await screenshot(page, 'template-editor');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved').waitFor();
    await page.getByRole('heading', { name: 'Template: Harbour frame' }).waitFor();

    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('link', { name: 'New newsletter' }).click();
    await page.getByRole('heading', { name: 'New newsletter' }).waitFor();
    await page.getByRole('combobox', { name: 'Template' }).click();
    await page.getByRole('option', { name: 'Harbour frame' }).click();
    await page.getByLabel('Subject').fill('Framed news');
    await page.getByRole('textbox', { name: 'Body' }).fill('Hello **{{name}}**, framed.');
    expect(await page.getByLabel('Subject').inputValue()).toBe('Framed news');
    await page
      .locator('iframe[title="Email preview"][srcdoc*="HARBOUR FRAME"][srcdoc*="<strong>Sample Reader</strong>"]')
      .waitFor()
      .catch(async (error: Error) => {
        await screenshot(page, 'template-picked-failed');
        const frame = await page
          .locator('iframe[title="Email preview"]')
          .getAttribute('srcdoc', { timeout: 1000 })
          .catch(() => 'no preview frame');
        const picked = await page.getByRole('combobox', { name: 'Template' }).inputValue({ timeout: 1000 });
        const alerts = await page.getByRole('alert').allTextContents();
        throw new Error(
          `${error.message}\npicked: ${picked}\nalerts: ${alerts.join(' | ')}\npreview: ${frame?.slice(0, 600)}`,
        );
      });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    const [saved] = await t.query<{ template_id: number | null }>(
      "SELECT n.template_id FROM newsletters n JOIN templates t ON t.id = n.template_id WHERE n.subject = 'Framed news'",
    );
    expect(saved.template_id).not.toBeNull();
  });

  it('builds an audience without typing a query: a live count, a send that confirms that count, and only they get it', async () => {
    for (const [email, plan] of [
      ['pro-ui@example.org', 'pro-ui'],
      ['free-ui@example.org', 'free-ui'],
    ])
      await t.db.write(
        `INSERT INTO subscribers (email, email_key, metadata, status, created_at, updated_at)
         VALUES (:email, :email, :meta, 'confirmed', :now, :now)`,
        { email, meta: JSON.stringify({ plan }), now: new Date() },
      );
    await page.goto(`${t.url}/admin/newsletters/new`);
    await page.getByRole('heading', { name: 'New newsletter' }).waitFor();
    await page.getByLabel('Subject').fill('For pro readers');
    await page.getByRole('textbox', { name: 'Body' }).fill('Hello {{name}}, this is for pro plans.');
    await page.getByRole('combobox', { name: 'Audience' }).click();
    await page.getByRole('option', { name: 'Confirmed subscribers matching every condition' }).click();
    await page.getByLabel('Field name 1').fill('plan');
    await page.getByLabel('Value 1').fill('pro-ui');
    await page.getByTestId('audience-count').getByText('Reaches 1 confirmed subscriber now').waitFor();
    await screenshot(page, 'audience-builder');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    await page.getByTestId('newsletter-status').getByText('draft').waitFor();

    await page.getByRole('button', { name: 'Send now' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this newsletter now?' });
    await confirm.getByText('1 confirmed subscribers in its audience').waitFor();
    await confirm.getByRole('button', { name: 'Send to 1' }).click();
    await page.getByTestId('newsletter-status').getByText('sent').waitFor({ timeout: 20_000 });
    await waitFor(
      () => smtp.received.some((mail) => mail.parsed.subject === 'For pro readers'),
      10_000,
      'the targeted newsletter',
    );
    const sent = smtp.received.filter((mail) => mail.parsed.subject === 'For pro readers');
    expect(sent.flatMap((mail) => mail.envelope.to)).toEqual(['pro-ui@example.org']);
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
    await page.getByLabel('Action').fill('admin.create');
    await page.waitForURL(/action=admin.create/);
    await page.getByText('login', { exact: true }).first().waitFor({ state: 'detached' });
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

  it('changes your own password from the account page', async () => {
    // Its own admin, so the owner's sessions the other tests use stay valid (a change ends the other sessions).
    await addAdmin(t, 'keeper', 'admin');
    const own = await browser.newContext();
    const { page: keeper, problems: keeperProblems } = await newPage(own);
    await keeper.goto(`${t.url}/admin/account`);
    await signInThroughUi(keeper, 'keeper', OWNER_PASSWORD);
    await keeper.getByRole('heading', { name: 'Your account' }).waitFor();
    await keeper.getByLabel('Current password').fill(OWNER_PASSWORD);
    await keeper.getByLabel('New password', { exact: true }).fill('short');
    await keeper.getByRole('button', { name: 'Change password' }).click();
    await keeper.getByText('At least 12 characters').waitFor();
    await keeper.getByLabel('New password', { exact: true }).fill('amber-harbour-willow-9');
    await keeper.getByLabel('Repeat new password').fill('amber-harbour-willow-9');
    await keeper.getByRole('button', { name: 'Change password' }).click();
    await keeper.getByText('Password changed').waitFor();
    await screenshot(keeper, 'account');
    await own.close();
    expect(keeperProblems).toEqual([]);
    const login = (password: string) =>
      fetch(`${t.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'keeper', password }),
      });
    expect((await login(OWNER_PASSWORD)).status).toBe(401);
    expect((await login('amber-harbour-willow-9')).status).toBe(200);
  });

  it('lists a mail that failed for good and sends it again at the press of a button', async () => {
    const now = new Date();
    const message = {
      to: ['team@example.org'],
      subject: 'New contact request from Stranded Lead',
      text: 'Quote please',
    };
    await t.db.write(
      `INSERT INTO outbox_jobs (kind, payload, status, attempts, available_at, last_error, created_at, processed_at)
       VALUES ('contact.notification', :payload, 'failed', 12, :now, '421 4.3.2 Service not available', :now, :now)`,
      { payload: JSON.stringify(message), now },
    );
    await page.getByRole('link', { name: 'Failed mails' }).click();
    await page.getByRole('heading', { name: 'Failed mails' }).waitFor();
    const row = page.getByRole('row', { name: /Stranded Lead/ });
    await row.getByText('421 4.3.2 Service not available').waitFor();
    await screenshot(page, 'failed-mails');
    const before = smtp.received.length;
    await row.getByRole('button', { name: /Send mail \d+ again/ }).click();
    await waitFor(() => smtp.received.length > before, 10_000, 'the mail to be sent again');
    expect(smtp.received.at(-1)!.parsed.subject).toBe('New contact request from Stranded Lead');
    await page.getByText('No failed mails').waitFor();
  });

  it('works at phone width: navigation behind a menu button, nothing wider than the screen', async () => {
    await postJson(t.url, '/api/contact', newContact({ name: 'Phone Reader' }));
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [link, heading] of [
      ['Submissions', 'Submissions'],
      ['Subscribers', 'Subscribers'],
      ['Newsletters', 'Newsletters'],
      ['Settings', 'Settings'],
      ['Dashboard', 'Dashboard'],
    ]) {
      await page.getByRole('button', { name: 'Toggle navigation' }).click();
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      expect({ page: link, width: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({
        page: link,
        width: 390,
      });
      await screenshot(page, `phone-${link.toLowerCase()}`);
    }
  });

  it('every page passes axe-core’s WCAG 2.1 A and AA checks (labels, names, contrast, landmarks)', async () => {
    await postJson(t.url, '/api/contact', newContact({ name: 'Axe Reader' }));
    await seedSubscribers(t, 3, { prefix: 'axe-reader' });
    const draft = (await (
      await owner.request('/admin/api/newsletters', { method: 'POST', body: { subject: 'Axe news', body: 'Hello' } })
    ).json()) as { id: number };
    // axe is injected as a script, which the dashboard's CSP rightly refuses; this context alone bypasses it.
    const audited = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const auditPage = await audited.newPage();
    await auditPage.goto(`${t.url}/admin/login`);
    const violations: string[] = [];
    const audit = async (name: string) => {
      await settled(auditPage);
      await auditPage.addScriptTag({ content: axe.source });
      const result = await auditPage.evaluate<{ violations: { id: string; nodes: { html: string }[] }[] }>(
        "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })",
      );
      for (const violation of result.violations)
        violations.push(`${name}: ${violation.id} (${violation.nodes.map((node) => node.html).join(' | ')})`);
    };
    await audit('sign-in');
    await signInThroughUi(auditPage, 'owner', OWNER_PASSWORD);
    await auditPage.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const pages: [string, string][] = [
      ['', 'Dashboard'],
      ['submissions', 'Submissions'],
      ['subscribers', 'Subscribers'],
      ['newsletters', 'Newsletters'],
      [`newsletters/${draft.id}`, 'Axe news'],
      [`newsletters/${draft.id}/edit`, 'Edit: Axe news'],
      ['templates', 'Templates'],
      ['templates/new', 'New template'],
      ['settings', 'Settings'],
      ['audit', 'Audit log'],
      ['failed-mails', 'Failed mails'],
      ['users', 'Admins'],
      ['account', 'Your account'],
    ];
    for (const [path, heading] of pages) {
      await auditPage.goto(`${t.url}/admin/${path}`);
      await auditPage
        .getByRole('heading', { name: heading, exact: true })
        .waitFor()
        .catch(async (error: unknown) => {
          await screenshot(auditPage, `axe-failed-${path.replace(/\//g, '-')}`);
          throw error;
        });
      await auditPage.waitForLoadState('networkidle');
      await audit(path || 'dashboard');
    }
    await auditPage.goto(`${t.url}/admin/subscribers`);
    await auditPage.getByRole('button', { name: 'Import CSV' }).click();
    await auditPage.getByRole('dialog', { name: 'Import subscribers from CSV' }).waitFor();
    await audit('import dialog');
    // The public archive is server-rendered (no dashboard around it), so it is checked on its own.
    await auditPage.goto(`${t.url}/archive`);
    await audit('archive');
    await audited.close();
    expect(violations).toEqual([]);
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
