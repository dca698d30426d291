import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import type { TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { createNewsletter, getNewsletter, seedSubscribers, waitForNewsletter } from './support/newsletters';
import { TestSmtpServer } from './support/smtp';

const PUBLIC_URL = 'https://news.example.org';

interface View {
  id: number;
  subject: string;
  body: string;
  format: string;
  status: string;
  in_archive: boolean;
  archive_url: string | null;
  created_by: string;
}

describe('public newsletter archive and feed', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;
  const smtp = new TestSmtpServer();
  let shown: View;
  let hidden: View;
  let draft: View;

  const archive = (id: number, inArchive: unknown, session = owner) =>
    session.request(`/admin/api/newsletters/${id}/archive`, { method: 'PUT', body: { in_archive: inArchive } });

  /** Sends for real (two confirmed readers, the test's SMTP server) and waits until it is sent. */
  async function sent(subject: string, body: Record<string, unknown> = {}): Promise<View> {
    const { id } = await createNewsletter(owner, { subject, ...body });
    expect((await owner.request(`/admin/api/newsletters/${id}/send`, { method: 'POST', body: {} })).status).toBe(202);
    await waitForNewsletter(owner, id, 'sent');
    return (await getNewsletter(owner, id)) as unknown as View;
  }

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner, viewer } = await startAdminApp({
      ...smtp.env(),
      RATE_LIMIT_MAX: '0',
      SITE_NAME: 'Harbour Post',
      PUBLIC_URL,
    }));
    await seedSubscribers(t, 2, { prefix: 'archive-reader' });
    shown = await sent('Spring & <summer> issue', {
      format: 'html',
      body: '<p>Hi {{name}} at {{email}}.</p><script>alert(1)</script><p><a href="{{unsubscribe_url}}">Leave</a> · <a href="{{manage_url}}">Settings</a> <img src="https://cdn.example.org/a.png" alt="A"></p>',
    });
    hidden = await sent('Members only');
    draft = (await createNewsletter(owner, { subject: 'Not sent yet' })) as unknown as View;
    for (const newsletter of [shown, draft]) expect((await archive(newsletter.id, true)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('lists only sent newsletters an admin put in the archive, and points browsers and readers at the feed', async () => {
    const response = await fetch(`${t.url}/archive`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Newsletter archive · Harbour Post</title>');
    expect(html).toContain(
      `<link rel="alternate" type="application/rss+xml" title="Harbour Post" href="${PUBLIC_URL}/archive/feed.xml">`,
    );
    expect(html).toContain(`<a href="${PUBLIC_URL}/archive/${shown.id}">Spring &amp; &lt;summer&gt; issue</a>`);
    expect(html).not.toContain('Members only');
    expect(html).not.toContain('Not sent yet');
    expect(html).not.toContain('<summer>');
  });

  it('shows an issue at its stable URL as an anonymous reader sees it: neutral merge fields, no personal links', async () => {
    const response = await fetch(`${t.url}/archive/${shown.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain('img-src https:');
    const html = await response.text();
    expect(html).toContain('<h1>Spring &amp; &lt;summer&gt; issue</h1>');
    expect(html).toContain('Hi reader at .');
    expect(html).toContain(`<a href="${PUBLIC_URL}/api/newsletter/manage">Leave</a>`);
    expect(html).toContain(`<a href="${PUBLIC_URL}/api/newsletter/manage">Settings</a>`);
    expect(html).toContain('<img src="https://cdn.example.org/a.png" alt="A" />');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/token|archive-reader|\{\{/);
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml"`);
  });

  it('answers 404 alike for a newsletter not sent, not in the archive, or not there; 400 for an id that is none', async () => {
    const answers: Record<string, unknown>[] = [];
    for (const id of [draft.id, hidden.id, 987654]) {
      const response = await fetch(`${t.url}/archive/${id}`);
      expect(response.status).toBe(404);
      const answer = (await response.json()) as Record<string, unknown>;
      delete answer.request_id; // differs per request by design
      answers.push(answer);
    }
    expect(answers[0]).toMatchObject({ error: 'not_found' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const bad = await fetch(`${t.url}/archive/latest`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('id');
  });

  it('serves an RSS 2.0 feed that parses, with SITE_NAME, PUBLIC_URL and one item per archived issue', async () => {
    const response = await fetch(`${t.url}/archive/feed.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parseFeed(xml).toJSON();
    expect(feed.meta).toEqual({ type: 'rss', version: '2.0' });
    expect(feed.title).toBe('Harbour Post newsletter');
    expect(feed.url).toBe(`${PUBLIC_URL}/archive`);
    expect(feed.self).toBe(`${PUBLIC_URL}/archive/feed.xml`);
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item).toMatchObject({
      title: 'Spring & <summer> issue',
      url: `${PUBLIC_URL}/archive/${shown.id}`,
      id: `${PUBLIC_URL}/archive/${shown.id}`,
    });
    expect(new Date(item.published!).getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(item.description).toContain('<p>Hi reader at .</p>');
    expect(item.description).not.toContain('<script');
  });

  it('admins show and hide a newsletter (audited, reflected at once); viewers cannot; bad input names the field', async () => {
    expect(await getNewsletter(owner, shown.id)).toMatchObject({
      in_archive: true,
      archive_url: `${PUBLIC_URL}/archive/${shown.id}`,
    });
    expect(await getNewsletter(owner, draft.id)).toMatchObject({ in_archive: true, archive_url: null });

    expect((await archive(hidden.id, true, viewer)).status).toBe(403);
    const bad = await archive(hidden.id, 'yes');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('in_archive');
    expect((await archive(987654, true)).status).toBe(404);
    expect((await fetch(`${t.url}/archive/${hidden.id}`)).status).toBe(404);

    expect((await archive(hidden.id, true)).status).toBe(200);
    expect((await fetch(`${t.url}/archive/${hidden.id}`)).status).toBe(200);
    expect((await archive(hidden.id, false)).status).toBe(200);
    expect((await fetch(`${t.url}/archive/${hidden.id}`)).status).toBe(404);
    const audited = await t.query<{ actor: string; target: string; details: string }>(
      "SELECT actor, target, details FROM audit_log WHERE action = 'newsletter.archive' AND target = :target ORDER BY id",
      { target: `newsletter:${hidden.id}` },
    );
    expect(audited.map((row) => JSON.parse(row.details) as unknown)).toEqual([
      { in_archive: true },
      { in_archive: false },
    ]);
    expect(audited[0].actor).toBe('owner');
  });

  it('duplicates a newsletter as a new draft with the same content, audited; viewers cannot', async () => {
    const response = await owner.request(`/admin/api/newsletters/${shown.id}/duplicate`, { method: 'POST' });
    expect(response.status).toBe(201);
    const copy = (await response.json()) as View;
    expect(copy).toMatchObject({
      status: 'draft',
      subject: 'Spring & <summer> issue (copy)',
      body: shown.body,
      format: 'html',
      in_archive: false,
      created_by: 'owner',
    });
    expect(copy.id).not.toBe(shown.id);
    expect(await getNewsletter(owner, shown.id)).toMatchObject({ status: 'sent', subject: shown.subject });
    const [audit] = await t.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'newsletter.duplicate' AND target = :target",
      { target: `newsletter:${copy.id}` },
    );
    expect(JSON.parse(audit.details)).toEqual({ from: shown.id });

    const long = await createNewsletter(owner, { subject: 'x'.repeat(200) });
    const longCopy = (await (
      await owner.request(`/admin/api/newsletters/${long.id}/duplicate`, { method: 'POST' })
    ).json()) as View;
    expect(longCopy.subject).toHaveLength(200);
    expect(longCopy.subject.endsWith(' (copy)')).toBe(true);
    expect((await viewer.request(`/admin/api/newsletters/${shown.id}/duplicate`, { method: 'POST' })).status).toBe(403);
    expect((await owner.request('/admin/api/newsletters/987654/duplicate', { method: 'POST' })).status).toBe(404);
  });
});
