import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMBED_SCRIPT = Symbol('EMBED_SCRIPT');

export interface EmbedScript {
  readonly source: string;
  /** Changes with the script, so caches revalidate cheaply and pick up a new release. */
  readonly etag: string;
}

/** Read once at start: mailroom-embed.js sits beside this file (build:api copies it into dist). */
export function loadEmbedScript(): EmbedScript {
  const source = readFileSync(join(__dirname, 'mailroom-embed.js'), 'utf8');
  return { source, etag: `"${createHash('sha256').update(source).digest('base64url').slice(0, 22)}"` };
}
