import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { clientIp } from './client-ip';

/** Who sent a request, as far as we may believe it (X-Forwarded-For only through TRUST_PROXY, see clientIp). */
export interface ClientInfo {
  readonly ip: string;
  readonly userAgent: string | undefined;
}

export function clientInfoOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ip: clientIp(request), userAgent: typeof agent === 'string' ? agent.slice(0, 512) : undefined };
}

export const Client = createParamDecorator((_: unknown, context: ExecutionContext): ClientInfo => {
  return clientInfoOf(context.switchToHttp().getRequest<FastifyRequest>());
});
