import { newContact, postJson, startApp, type TestApp } from './support/app';

interface Row {
  id: number | string;
  name: string;
  email: string;
  message: string;
  company: string | null;
  timeline: string | null;
}

describe('POST /api/contact', () => {
  let t: TestApp;
  const rows = () =>
    t.query<Row>('SELECT id, name, email, message, company, timeline FROM contact_submissions ORDER BY id');

  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_MAX: '0' });
  });
  afterAll(() => t.close());

  it('stores a JSON submission and answers 201 with its id and time', async () => {
    const before = (await rows()).length;
    const response = await postJson(t.url, '/api/contact', newContact({ company: 'Acme', timeline: 'Q3' }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: number; created_at: string };
    expect(body).toEqual({ id: expect.any(Number), created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const stored = await rows();
    expect(stored).toHaveLength(before + 1);
    expect({ ...stored.at(-1), id: Number(stored.at(-1)?.id) }).toMatchObject({
      id: body.id,
      company: 'Acme',
      timeline: 'Q3',
    });
    expect(response.headers.get('x-request-id')).toMatch(/.{8,}/);
  });

  it('accepts form encoding from fetch and answers JSON', async () => {
    const response = await fetch(`${t.url}/api/contact`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Form User', email: 'form@example.com', message: 'From a form', company: '' }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: number };
    const [row] = await t.query<Row>('SELECT company FROM contact_submissions WHERE id = :id', { id });
    expect(row.company).toBeNull();
  });

  it('redirects a plain HTML form post (303) to the built-in thank-you page', async () => {
    const response = await fetch(`${t.url}/api/contact`, {
      method: 'POST',
      redirect: 'manual',
      headers: { accept: 'text/html,application/xhtml+xml', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Html+Form&email=html%40example.com&message=Hello',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/api/contact/thanks');
    const page = await fetch(`${t.url}/api/contact/thanks`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Thank you');
  });

  it('round-trips unicode and emoji exactly', async () => {
    const contact = newContact({
      name: 'Zoë Ångström 王小明 🚀',
      message: 'Grüße — 你好 👋🏽\nSecond line',
      email: 'zoë@exämple.com',
    });
    const response = await postJson(t.url, '/api/contact', contact);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: number };
    const [row] = await t.query<Row>('SELECT name, email, message FROM contact_submissions WHERE id = :id', { id });
    expect(row).toEqual({ name: contact.name, email: contact.email, message: contact.message });
  });

  describe('refuses bad input with a JSON error naming the problem, storing nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = (await rows()).length;
    });
    afterEach(async () => {
      expect(await rows()).toHaveLength(before);
    });

    it.each([
      ['missing fields', {}, ['name', 'email', 'message']],
      ['unknown field (no mass assignment)', newContact({ status: 'archived', id: 1 }), ['status', 'id']],
      ['CR/LF header injection in email', newContact({ email: 'a@example.com\r\nBcc: x@y.z' }), ['email']],
      ['CR/LF header injection in name', newContact({ name: 'Eve\r\nBcc: x@y.z' }), ['name']],
      ['several addresses', newContact({ email: 'a@example.com, b@example.com' }), ['email']],
      ['display name with quotes', newContact({ email: '"Eve" <eve@example.com>' }), ['email']],
      ['name too long', newContact({ name: 'x'.repeat(201) }), ['name']],
      ['message too long', newContact({ message: 'x'.repeat(5001) }), ['message']],
      ['non-string values', newContact({ name: 42, message: ['a'] }), ['name', 'message']],
    ])('%s → 400', async (_case, body, fields) => {
      const response = await postJson(t.url, '/api/contact', body);
      expect(response.status).toBe(400);
      const error = (await response.json()) as { error: string; fields: Record<string, string> };
      expect(error.error).toBe('validation_failed');
      expect(Object.keys(error.fields).sort()).toEqual([...fields].sort());
    });

    it('malformed JSON → 400 without internals', async () => {
      const response = await postJson(t.url, '/api/contact', '{"name": "x",');
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: 'bad_request', request_id: expect.any(String) });
      expect(text).not.toMatch(/at .*\.js|node_modules|stack/i);
    });

    it('a JSON array or string → 400 invalid_body', async () => {
      for (const body of ['[1,2]', '"hello"', 'null']) {
        const response = await postJson(t.url, '/api/contact', body);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: 'invalid_body' });
      }
    });

    it('wrong content type → 415', async () => {
      const response = await fetch(`${t.url}/api/contact`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'hi',
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
    });

    it('body over 64 KiB → 413', async () => {
      const response = await postJson(t.url, '/api/contact', newContact({ message: 'x'.repeat(70 * 1024) }));
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: 'payload_too_large' });
    });
  });

  it('honeypot: answers like a success but stores and sends nothing, and counts it as spam', async () => {
    const before = await rows();
    const jobsBefore = await t.query('SELECT id FROM outbox_jobs');
    const response = await postJson(t.url, '/api/contact', newContact({ website: 'http://spam.example' }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: expect.any(Number), created_at: expect.any(String) });
    expect(await rows()).toEqual(before);
    expect(await t.query('SELECT id FROM outbox_jobs')).toEqual(jobsBefore);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/mailroom_contact_submissions_total\{outcome="spam"\} [1-9]/);
  });

  it('an empty honeypot field is accepted and stored', async () => {
    const response = await postJson(t.url, '/api/contact', newContact({ website: '' }));
    expect(response.status).toBe(201);
  });

  it('survives 10,000 concurrent-ish submissions without a 5xx, storing every one', async () => {
    const before = (await rows()).length;
    const total = 10_000;
    const concurrency = 64;
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next += 1;
          const response = await postJson(t.url, '/api/contact', newContact());
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    expect(Object.fromEntries(statuses)).toEqual({ 201: total });
    expect((await rows()).length).toBe(before + total);
    const [jobs] = await t.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM outbox_jobs WHERE kind = 'contact.notification'",
    );
    expect(Number(jobs.n)).toBeGreaterThanOrEqual(total);
  }, 240_000);
});
