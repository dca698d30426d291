import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export const DEFAULT_DATABASE_URL = 'sqlite:///./data/forms.db';

/**
 * The seed accepted `sqlite:///relative/path`, `sqlite:////absolute/path`, a bare file path, and PostgreSQL URLs.
 * Relative SQLite paths resolve against the working directory, as they did there.
 */
export function parseDatabaseUrl(raw: string, cwd: string): DatabaseTarget {
  const value = raw.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return { type: 'postgres', url: value };
  if (value === ':memory:' || value === 'sqlite://:memory:') return { type: 'sqlite', path: ':memory:' };
  let path = value;
  if (/^sqlite:\/\//i.test(value)) {
    path = value.replace(/^sqlite:\/\//i, '');
    // sqlite:///./x → "/./x" means relative; sqlite:////abs → "//abs" means absolute.
    path = path.startsWith('//') ? path.slice(1) : path.replace(/^\//, '');
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error('must be a sqlite:// or postgres:// URL, or a file path');
  }
  if (path === '') throw new Error('has no file path');
  return { type: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}
