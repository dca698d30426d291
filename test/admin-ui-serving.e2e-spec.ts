import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { openApiDocument } from '../apps/api/src/openapi';
import { startAdminApp, type AdminSession } from './support/admin';
import { startApp, type TestApp } from './support/app';
import { testDialect } from './support/database';

// How the API serves the built dashboard; nothing here depends on the database, so it runs once.
const describeOnce = testDialect() === 'sqlite' ? describe : describe.skip;
const root = resolve(__dirname, '..');

describeOnce('the admin UI at /admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('serves index.html for every dashboard path (history fallback) with a strict Content-Security-Policy', async () => {
    for (const path of ['/admin', '/admin/', '/admin/submissions', '/admin/newsletters/12/edit']) {
      const response = await fetch(`${t.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets for good, compressed when the browser accepts it, and answers 304 to a known ETag', async () => {
    const assets = join(root, 'admin-ui/dist/assets');
    // The largest script: the entry chunk.
    const [script] = readdirSync(assets)
      .filter((name) => name.endsWith('.js'))
      .sort((a, b) => statSync(join(assets, b)).size - statSync(join(assets, a)).size);
    const original = readFileSync(join(assets, script));
    const response = await fetch(`${t.url}/admin/assets/${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // fetch decodes br itself; the size on the wire is what the header says.
    expect(Number(response.headers.get('content-length') ?? original.length)).toBeLessThan(original.length / 2);
    expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
    const raw = await new Promise<Buffer>((done, fail) => {
      const request = get(
        `${t.url}/admin/assets/${script}`,
        { headers: { 'accept-encoding': 'br' } },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(Buffer.concat(chunks)));
        },
      );
      request.on('error', fail);
    });
    expect(raw.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(raw).equals(original)).toBe(true);

    const etag = response.headers.get('etag')!;
    const again = await fetch(`${t.url}/admin/assets/${script}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers a JSON 404 for unknown admin API paths and missing files, never the page', async () => {
    for (const path of ['/admin/api/nothing-here', '/admin/assets/missing.js', '/admin/favicon.png']) {
      const response = await fetch(`${t.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({ error: 'not_found' });
    }
  });

  it('says how to build it when the build is missing, instead of failing to start', async () => {
    const unbuilt = await startApp({ ADMIN_UI_DIR: join(root, 'no-such-build') });
    try {
      const response = await fetch(`${unbuilt.url}/admin/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build');
      expect((await fetch(`${unbuilt.url}/health`)).status).toBe(200);
    } finally {
      await unbuilt.close();
    }
  });
});

describeOnce('the admin UI types', () => {
  it('admin-ui/openapi.json and the generated types match the API (run `npm run openapi` after changing the API)', async () => {
    const committed = JSON.parse(readFileSync(join(root, 'admin-ui/openapi.json'), 'utf8')) as unknown;
    expect(await openApiDocument()).toEqual(committed);
    const generated = execFileSync(join(root, 'node_modules/.bin/openapi-typescript'), ['admin-ui/openapi.json'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(generated).toBe(readFileSync(join(root, 'admin-ui/src/lib/api-schema.ts'), 'utf8'));
  });
});

describeOnce('newsletter editor preview: POST /admin/api/newsletters/render', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;
  beforeAll(async () => {
    ({ t, owner, viewer } = await startAdminApp({ POSTAL_ADDRESS: '1 Harbour Road' }));
  });
  afterAll(() => t.close());

  it('renders unsaved content for a sample reader and stores nothing; only editors may', async () => {
    const body = { subject: 'Hi {{name}}', body: 'Hello **{{name}}** <script>x()</script>' };
    expect((await viewer.request('/admin/api/newsletters/render', { method: 'POST', body })).status).toBe(403);
    const response = await owner.request('/admin/api/newsletters/render', { method: 'POST', body });
    expect(response.status).toBe(200);
    const rendered = (await response.json()) as { subject: string; html: string; text: string };
    expect(rendered.subject).toBe('Hi Sample Reader');
    expect(rendered.html).toContain('<strong>Sample Reader</strong>');
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('1 Harbour Road');
    expect(rendered.text).toContain('Hello Sample Reader');
    expect(await t.query('SELECT id FROM newsletters')).toEqual([]);
  });

  it('names the field with an unknown merge field, and needs the CSRF token', async () => {
    const bad = await owner.request('/admin/api/newsletters/render', {
      method: 'POST',
      body: { subject: 'Hi', body: 'Hello {{nmae}}' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Record<string, string> }).fields).toHaveProperty('body');
    const forged = await owner.request('/admin/api/newsletters/render', {
      method: 'POST',
      body: { subject: 'Hi', body: 'x' },
      csrf: false,
    });
    expect(forged.status).toBe(403);
  });
});
