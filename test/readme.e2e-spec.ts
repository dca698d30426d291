import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envSchema } from '@mailroom/platform';

describe('README', () => {
  const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');

  it('documents every environment variable Mailroom reads, once, and no others', () => {
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Monitoring'));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('.env.example lists every variable once, and no others', () => {
    const example = readFileSync(resolve(__dirname, '../.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('keeps the two-command quick start', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
