import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The DKIM verifier alone: mailauth's index also loads BIMI, whose HTTP client needs a newer Node than 20.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dkimVerify } = require('mailauth/lib/dkim/verify') as {
  dkimVerify: (
    message: Buffer,
    options: { resolver: (name: string, type: string) => Promise<string[][]> },
  ) => Promise<{ results: { signingDomain: string; selector: string; status: { result: string } }[] }>;
};
import { ConfigError, loadConfig } from '@mailroom/platform';
import { newContact, postJson, startApp, type TestApp } from './support/app';
import { TestSmtpServer } from './support/smtp';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** The DNS record a domain publishes at `<selector>._domainkey.<domain>`: the public key, base64 DER. */
const DNS_RECORD = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** Answers DNS as if mail._domainkey.example.org published the test's own key (no real DNS is asked). */
const resolver = (name: string, type: string) =>
  name === 'mail._domainkey.example.org' && type === 'TXT'
    ? Promise.resolve([[DNS_RECORD]])
    : Promise.reject(Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' }));

describe('DKIM signing', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-dkim-'));

  beforeAll(async () => {
    await smtp.start();
    const keyFile = join(dir, 'dkim.pem');
    writeFileSync(keyFile, PRIVATE_PEM);
    t = await startApp({
      ...smtp.env(),
      SMTP_SENDER: 'hello@example.org',
      DKIM_DOMAIN: 'example.org',
      DKIM_SELECTOR: 'mail',
      DKIM_PRIVATE_KEY_FILE: keyFile,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs every mail it sends, and the signature verifies against the published key', async () => {
    expect((await postJson(t.url, '/api/contact', newContact({ message: 'Signed, please.' }))).status).toBe(201);
    const [mail] = await smtp.waitForCount(1);
    expect(mail.raw).toMatch(/^DKIM-Signature: .*d=example\.org/im);
    const { results } = await dkimVerify(Buffer.from(mail.raw), { resolver });
    expect(results.map((r) => ({ domain: r.signingDomain, selector: r.selector, result: r.status.result }))).toEqual([
      { domain: 'example.org', selector: 'mail', result: 'pass' },
    ]);

    // Changed in transit, it no longer verifies: the signature covers the body.
    const tampered = Buffer.from(mail.raw.replace('Signed, please.', 'Signed, pleased.'));
    const [after] = (await dkimVerify(tampered, { resolver })).results;
    expect(after.status.result).not.toBe('pass'); // mailauth: 'neutral', body hash did not verify
  });

  it('takes the key inline too (with \\n escapes, as env files write it), and refuses a half or broken setup at boot', () => {
    const base = { DATABASE_URL: ':memory:', DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 'mail' };
    const inline = loadConfig({ ...base, DKIM_PRIVATE_KEY: PRIVATE_PEM.replace(/\n/g, '\\n') });
    expect(inline.smtp.dkim).toMatchObject({ domain: 'example.org', selector: 'mail' });
    expect(loadConfig({ DATABASE_URL: ':memory:' }).smtp.dkim).toBeUndefined();

    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ DATABASE_URL: ':memory:', ...env });
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
        throw error;
      }
      return '';
    };
    expect(problems({ DKIM_DOMAIN: 'example.org' })).toMatch(
      /DKIM_SELECTOR.*DKIM_PRIVATE_KEY|DKIM_PRIVATE_KEY.*DKIM_SELECTOR/s,
    );
    expect(problems({ ...base, DKIM_PRIVATE_KEY: 'not a key' })).toContain(
      'DKIM_PRIVATE_KEY: is not a PEM private key',
    );
    expect(problems({ ...base, DKIM_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toContain(
      'DKIM_PRIVATE_KEY_FILE: cannot be read',
    );
    expect(problems({ ...base, DKIM_DOMAIN: 'not a domain!' })).toContain('DKIM_DOMAIN');
    // The key is never echoed in a problem.
    expect(problems({ ...base, DKIM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----secret-----' })).not.toContain('secret');
  });
});
