import { escapeHtml, renderPage } from '@mailroom/platform';

/** One issue as the archive shows it. */
export interface ArchiveEntry {
  readonly url: string;
  readonly subject: string;
  readonly sentAt: Date;
  /** The body as safe HTML (sanitised, merge fields neutral). */
  readonly html: string;
}

export interface ArchiveSite {
  readonly name: string;
  readonly archiveUrl: string;
  readonly feedUrl: string;
  readonly subscribeUrl: string;
}

/** Archive pages are for reading newsletters: wider than the forms, and images in them may come from anywhere. */
export const ARCHIVE_CSP =
  "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// No favicon to fetch (the page would ask for /favicon.ico and log a 404).
const WIDE =
  '<link rel="icon" href="data:,"><style>main{max-width:42rem}.issue img{max-width:100%;height:auto}.date{color:#6b6b70}</style>';

/** Tells browsers and feed readers where the feed is (RSS autodiscovery). */
const alternate = (site: ArchiveSite) =>
  `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(site.name)}" href="${escapeHtml(site.feedUrl)}">`;

const day = (date: Date) =>
  `<time class="date" datetime="${date.toISOString()}">${escapeHtml(date.toISOString().slice(0, 10))}</time>`;

/** Characters XML 1.0 does not allow at all (escaping cannot help): dropped, so the feed always parses. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xml = (value: string) => escapeHtml(value.replace(NOT_XML, ''));

export const archivePages = {
  index: (site: ArchiveSite, entries: readonly ArchiveEntry[]) =>
    renderPage({
      title: 'Newsletter archive',
      siteName: site.name,
      head: `${alternate(site)}${WIDE}`,
      body: `<h1>${escapeHtml(site.name)} newsletter</h1>
${
  entries.length === 0
    ? '<p>No issues yet.</p>'
    : `<ul>${entries.map((entry) => `<li><a href="${escapeHtml(entry.url)}">${escapeHtml(entry.subject)}</a> ${day(entry.sentAt)}</li>`).join('\n')}</ul>`
}
<p><a href="${escapeHtml(site.subscribeUrl)}">Subscribe</a> · <a href="${escapeHtml(site.feedUrl)}">RSS feed</a></p>`,
    }),

  issue: (site: ArchiveSite, entry: ArchiveEntry) =>
    renderPage({
      title: entry.subject,
      siteName: site.name,
      head: `${alternate(site)}${WIDE}`,
      body: `<p><a href="${escapeHtml(site.archiveUrl)}">${escapeHtml(site.name)} newsletter</a></p>
<h1>${escapeHtml(entry.subject)}</h1>
<p>${day(entry.sentAt)}</p>
<div class="issue">${entry.html}</div>
<p><a href="${escapeHtml(site.subscribeUrl)}">Subscribe</a> to get the next one by email.</p>`,
    }),

  /** RSS 2.0, newest first; each item carries the issue's HTML (escaped) as its description. */
  feed: (site: ArchiveSite, entries: readonly ArchiveEntry[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(site.name)} newsletter</title>
<link>${xml(site.archiveUrl)}</link>
<description>${xml(`Past issues of the ${site.name} newsletter`)}</description>
<atom:link href="${xml(site.feedUrl)}" rel="self" type="application/rss+xml"/>
${entries.length > 0 ? `<lastBuildDate>${entries[0].sentAt.toUTCString()}</lastBuildDate>\n` : ''}${entries
    .map(
      (entry) => `<item>
<title>${xml(entry.subject)}</title>
<link>${xml(entry.url)}</link>
<guid isPermaLink="true">${xml(entry.url)}</guid>
<pubDate>${entry.sentAt.toUTCString()}</pubDate>
<description>${xml(entry.html)}</description>
</item>`,
    )
    .join('\n')}
</channel>
</rss>
`,
};
