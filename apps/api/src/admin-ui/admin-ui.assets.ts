import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Asset {
  readonly type: string;
  readonly etag: string;
  readonly body: Buffer;
  /** Compressed copies, made once on first request (assets never change while the process runs). */
  encoded?: { br?: Buffer; gzip?: Buffer };
  /** Vite puts a content hash in every file name under assets/, so those can be cached for good. */
  readonly immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.webmanifest', '.txt']);

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The built admin UI (admin-ui/dist), read into memory once: a few hundred kilobytes, so every request is a map lookup
 * and the process never touches the disk, or follows a path a client chose, to answer one.
 */
export class AdminUiAssets {
  private constructor(private readonly assets: ReadonlyMap<string, Asset>) {}

  static load(directory: string): AdminUiAssets | undefined {
    if (!existsSync(join(directory, 'index.html'))) return undefined;
    const assets = new Map<string, Asset>();
    for (const path of filesUnder(directory)) {
      const name = relative(directory, path).split(sep).join('/');
      const body = readFileSync(path);
      assets.set(name, {
        type: TYPES[extname(path)] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
        body,
        immutable: name.startsWith('assets/'),
      });
    }
    return new AdminUiAssets(assets);
  }

  get index(): Asset {
    return this.assets.get('index.html')!;
  }

  find(name: string): Asset | undefined {
    return this.assets.get(name);
  }

  /** The best encoding the client accepts, for text assets worth compressing; each is made once, on first use. */
  static encode(asset: Asset, name: string, acceptEncoding: string): { body: Buffer; encoding?: 'br' | 'gzip' } {
    if (!COMPRESSIBLE.has(extname(name)) || asset.body.length < 1024) return { body: asset.body };
    const encoded = (asset.encoded ??= {});
    if (/\bbr\b/.test(acceptEncoding)) {
      encoded.br ??= brotliCompressSync(asset.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
      return { body: encoded.br, encoding: 'br' };
    }
    if (/\bgzip\b/.test(acceptEncoding)) {
      encoded.gzip ??= gzipSync(asset.body, { level: 9 });
      return { body: encoded.gzip, encoding: 'gzip' };
    }
    return { body: asset.body };
  }
}
