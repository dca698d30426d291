import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'mailroom_session';

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return (request.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
}

/** HttpOnly, SameSite=Lax; Secure over https (as Fastify sees it, so TRUST_PROXY matters) or with COOKIE_SECURE. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  alwaysSecure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: alwaysSecure || request.protocol === 'https',
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
