import type { FastifyReply, FastifyRequest } from 'fastify';

const PLAIN = 'mailroom_session';
/** Over https the cookie is `__Host-` prefixed: Secure, path /, no Domain, so no sibling subdomain can set or shadow it. */
const HOST_ONLY = `__Host-${PLAIN}`;

/** Whether this request's session cookie is (and must be) the Secure, `__Host-` one. */
export function secureCookies(request: FastifyRequest, alwaysSecure: boolean): boolean {
  return alwaysSecure || request.protocol === 'https';
}

/** The session cookie's value: the `__Host-` one where cookies are secure (a plain one could have been planted). */
export function sessionTokenOf(request: FastifyRequest, alwaysSecure: boolean): string | undefined {
  const cookies = (request.cookies ?? {}) as Record<string, string | undefined>;
  return secureCookies(request, alwaysSecure) ? cookies[HOST_ONLY] : cookies[PLAIN];
}

/** HttpOnly, SameSite=Lax; Secure and `__Host-` over https (as Fastify sees it, so TRUST_PROXY matters) or with COOKIE_SECURE. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  alwaysSecure: boolean,
): void {
  const secure = secureCookies(request, alwaysSecure);
  void reply.setCookie(secure ? HOST_ONLY : PLAIN, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, alwaysSecure: boolean): void {
  const secure = secureCookies(request, alwaysSecure);
  void reply.clearCookie(secure ? HOST_ONLY : PLAIN, { path: '/', secure, httpOnly: true, sameSite: 'lax' });
}
