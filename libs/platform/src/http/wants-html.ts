import type { FastifyRequest } from 'fastify';

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
