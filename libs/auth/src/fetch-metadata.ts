import type { FastifyRequest } from 'fastify';

/**
 * Whether a browser says this request was started by another site (Fetch Metadata, sent by every current browser):
 * a link, form or script on a page that is not this one. Requests without the header (curl, older browsers) are not
 * refused on its account; for those the CSRF token and SameSite cookie remain.
 */
export function fromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/** The Origin header, when present, names this server (as the browser reached it, or PUBLIC_URL's origin). */
export function originIsOurs(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `${request.protocol}://${request.host}` || origin === new URL(publicUrl).origin;
}
