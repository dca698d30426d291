const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML bodies and attribute values. Every dynamic value in a server-rendered page goes through it. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/**
 * A small, self-contained page for the few server-rendered screens (thank-you, newsletter pages). No script and no
 * external assets, so it works without JavaScript and under a strict Content-Security-Policy.
 */
export function renderPage(options: {
  title: string;
  siteName: string;
  body: string;
  /** Extra markup for <head> (a feed's <link rel="alternate">, a wider page); already escaped. */
  head?: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.siteName)}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f5f5f7;color:#1d1d1f}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:1.5rem;margin-top:0}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input,select,textarea{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #c7c7cc;border-radius:8px;font:inherit}
button{margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#0a58ca;color:#fff;font:inherit;cursor:pointer}
button.secondary{background:#6c757d}.notice{padding:.75rem;border-radius:8px;background:#e7f1ff}
@media (max-width:36rem){main{margin:0;border-radius:0;min-height:100vh}}
</style>${options.head ?? ''}
</head>
<body><main>${options.body}</main></body>
</html>`;
}
