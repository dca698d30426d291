import type { FastifyReply, FastifyRequest } from 'fastify';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * A plain HTML form post (not fetch): the browser sent form encoding and prefers HTML. It gets a redirect or a page
 * rather than JSON.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  const accept = request.headers.accept ?? '';
  const isForm = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
  return isForm && accept.includes('text/html');
}

/** One outcome of a public route, in both of its forms. */
export interface HtmlOrJson {
  /** What a script's fetch gets. */
  readonly json: { readonly status: number; readonly body: unknown };
  /** What a browser's plain form post gets: a page (200) or a redirect (303, so a reload does not post again). */
  readonly html: { readonly page: string } | { readonly redirect: string };
}

/**
 * The one place a public route's outcome becomes an answer: a page or redirect for browsers' forms, JSON for
 * everyone else. Never cached: these answers are about one person's request.
 */
export function answerHtmlOrJson(request: FastifyRequest, reply: FastifyReply, answer: HtmlOrJson): FastifyReply {
  reply.header('cache-control', 'no-store');
  if (!wantsHtml(request)) return reply.status(answer.json.status).send(answer.json.body);
  if ('redirect' in answer.html) return reply.redirect(answer.html.redirect, 303);
  return reply.status(200).type(HTML_CONTENT_TYPE).send(answer.html.page);
}
