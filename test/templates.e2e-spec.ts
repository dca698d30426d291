import type { TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { createNewsletter, newsletterMail, seedSubscribers, waitForNewsletter } from './support/newsletters';
import { TestSmtpServer } from './support/smtp';
import { waitFor } from './support/wait';

const HTML =
  '<div class="frame" style="padding:24px;background:#fafafa"><p>Harbour Digest for {{name}}</p>{{content}}' +
  '<p><a href="{{unsubscribe_url}}">Leave</a> · <a href="{{manage_url}}">Settings</a></p></div>';
const TEXT = 'HARBOUR DIGEST\n\n{{content}}\n\n--\nLeave: {{unsubscribe_url}}';

interface Template {
  id: number;
  name: string;
  html: string;
  text: string;
  used_by: number;
}

describe('admin API: newsletter templates', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;
  const smtp = new TestSmtpServer();

  const create = (body: Record<string, unknown>, session = owner) =>
    session.request('/admin/api/templates', { method: 'POST', body });
  const problems = async (response: Response) =>
    ((await response.json()) as { fields?: Record<string, string> }).fields ?? {};

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner, viewer } = await startAdminApp({ ...smtp.env(), RATE_LIMIT_MAX: '0' }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('creates, lists, edits and deletes templates; viewers read but do not write; every change is audited', async () => {
    const response = await create({ name: 'Digest', html: HTML, text: TEXT });
    expect(response.status).toBe(201);
    const saved = (await response.json()) as Template;
    expect(saved).toMatchObject({ name: 'Digest', text: TEXT, used_by: 0 });
    expect(saved.html).toContain('{{content}}');

    expect((await create({ name: 'Digest', html: HTML, text: TEXT })).status).toBe(400);
    expect((await create({ name: 'Other', html: HTML, text: TEXT }, viewer)).status).toBe(403);
    const listed = (await (await viewer.request('/admin/api/templates')).json()) as Template[];
    expect(listed.map((row) => row.name)).toContain('Digest');

    const renamed = await owner.request(`/admin/api/templates/${saved.id}`, {
      method: 'PATCH',
      body: { name: 'Weekly digest' },
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as Template).name).toBe('Weekly digest');

    expect((await owner.request(`/admin/api/templates/${saved.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await owner.request(`/admin/api/templates/${saved.id}`)).status).toBe(404);
    const actions = await t.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE target = :target ORDER BY id',
      { target: `template:${saved.id}` },
    );
    expect(actions.map((row) => row.action)).toEqual(['template.create', 'template.update', 'template.delete']);
  });

  it('refuses a layout without exactly one {{content}}, without {{unsubscribe_url}}, or with an unknown field, naming the part', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ html: '<p>no slot {{unsubscribe_url}}</p>', text: TEXT }, 'html', /exactly once \(found 0\)/],
      [{ html: HTML, text: '{{content}} {{content}} {{unsubscribe_url}}' }, 'text', /exactly once \(found 2\)/],
      [{ html: '<p>{{content}}</p>', text: TEXT }, 'html', /\{\{unsubscribe_url\}\}/],
      [
        { html: HTML, text: '{{content}} {{unsubscribe_url}} {{password}}' },
        'text',
        /unknown merge field \{\{password\}\}/,
      ],
      // The sanitiser drops the attribute the only unsubscribe link was in: judged as sent, so it is missing.
      [{ html: '{{content}}<p onclick="{{unsubscribe_url}}">x</p>', text: TEXT }, 'html', /\{\{unsubscribe_url\}\}/],
    ];
    for (const [layout, field, message] of cases) {
      const response = await create({ name: `Bad ${field}`, ...layout });
      expect(response.status).toBe(400);
      expect((await problems(response))[field]).toMatch(message);
      const preview = await owner.request('/admin/api/templates/preview', { method: 'POST', body: layout });
      expect(preview.status).toBe(400);
    }
    expect((await t.query("SELECT id FROM templates WHERE name LIKE 'Bad %'")).length).toBe(0);
  });

  it('previews a sample issue through an unsaved layout, sanitised: no script, style element, handler or url()', async () => {
    const response = await owner.request('/admin/api/templates/preview', {
      method: 'POST',
      body: {
        html:
          '<style>p{color:red}</style><script>alert(1)</script><div style="background:url(https://t.example/x.gif);color:#123456" onmouseover="alert(2)">' +
          '{{content}}<a href="{{unsubscribe_url}}">Leave</a></div>',
        text: TEXT,
      },
    });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as { subject: string; html: string; text: string };
    expect(preview.subject).toBe('A sample issue');
    expect(preview.html).toContain('This month');
    expect(preview.html).toContain('Hello Sam Sample');
    expect(preview.html).toContain('style="color:#123456"');
    expect(preview.html).not.toMatch(/<script|<style|onmouseover|url\(/);
    expect(preview.text).toMatch(/^HARBOUR DIGEST\n\nThis month/);
    expect(preview.text).toMatch(/Leave: http/);
  });

  it('a newsletter picks a template: preview, test send and the real send all render through it', async () => {
    const template = (await (await create({ name: 'Sent through', html: HTML, text: TEXT })).json()) as Template;
    const unknown = await owner.request('/admin/api/newsletters', {
      method: 'POST',
      body: { subject: 'Nope', body: 'x', template_id: 987654 },
    });
    expect(unknown.status).toBe(400);
    expect((await problems(unknown)).template_id).toBe('no such template');

    const newsletter = await createNewsletter(owner, {
      subject: 'Templated',
      body: 'The **tide** tables.',
      template_id: template.id,
    });
    expect(newsletter).toMatchObject({ template_id: template.id });
    const preview = (await (await owner.request(`/admin/api/newsletters/${newsletter.id}/preview`)).json()) as {
      html: string;
      text: string;
    };
    expect(preview.html).toContain('Harbour Digest for Sample Reader');
    expect(preview.html).toContain('The <strong>tide</strong> tables.');
    expect(preview.html).not.toContain('You receive this because'); // the built-in footer is replaced

    await owner.request(`/admin/api/newsletters/${newsletter.id}/test`, {
      method: 'POST',
      body: { emails: ['tester@example.org'] },
    });
    await waitFor(
      () => smtp.received.some((mail) => mail.parsed.subject === '[Test] Templated'),
      10_000,
      'the test send',
    );
    const test = smtp.received.find((mail) => mail.parsed.subject === '[Test] Templated')!;
    expect(test.parsed.html).toContain('Harbour Digest for owner');

    await seedSubscribers(t, 2, { prefix: 'templated-reader' });
    expect(
      (await owner.request(`/admin/api/newsletters/${newsletter.id}/send`, { method: 'POST', body: {} })).status,
    ).toBe(202);
    await waitForNewsletter(owner, newsletter.id, 'sent');
    const sent = newsletterMail(smtp.received, newsletter.id);
    expect(sent).toHaveLength(2);
    for (const mail of sent) {
      expect(mail.parsed.html).toMatch(/Harbour Digest for Reader \d/);
      expect(mail.parsed.html).toMatch(/<a href="http[^"]+\/api\/newsletter\/unsubscribe\/[^"]+">Leave<\/a>/);
      expect(mail.parsed.text).toMatch(/^HARBOUR DIGEST\n\nThe tide tables\./);
      expect(mail.parsed.text).toMatch(/Leave: http\S+\/api\/newsletter\/unsubscribe\//);
    }
  }, 60_000);

  it('keeps a template while newsletters use it: no deleting it, no changing it under a send on its way', async () => {
    const template = (await (await create({ name: 'In use', html: HTML, text: TEXT })).json()) as Template;
    const newsletter = await createNewsletter(owner, {
      subject: 'Scheduled with a template',
      template_id: template.id,
    });
    expect(((await (await owner.request(`/admin/api/templates/${template.id}`)).json()) as Template).used_by).toBe(1);
    expect((await owner.request(`/admin/api/templates/${template.id}`, { method: 'DELETE' })).status).toBe(409);
    // A draft may still change its template's text: nothing has gone out yet.
    const edit = (text: string) =>
      owner.request(`/admin/api/templates/${template.id}`, { method: 'PATCH', body: { text } });
    expect((await edit(`${TEXT} v2`)).status).toBe(200);
    await owner.request(`/admin/api/newsletters/${newsletter.id}/send`, {
      method: 'POST',
      body: { send_at: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const refused = await edit(`${TEXT} v3`);
    expect(refused.status).toBe(409);
    expect(((await (await owner.request(`/admin/api/templates/${template.id}`)).json()) as Template).text).toBe(
      `${TEXT} v2`,
    );
    // Back to the built-in layout: the template is free again.
    await owner.request(`/admin/api/newsletters/${newsletter.id}/cancel`, { method: 'POST' });
    expect((await owner.request(`/admin/api/templates/${template.id}`, { method: 'DELETE' })).status).toBe(409);
    await t.db.write('DELETE FROM newsletters WHERE id = :id', { id: newsletter.id });
    expect((await owner.request(`/admin/api/templates/${template.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});
