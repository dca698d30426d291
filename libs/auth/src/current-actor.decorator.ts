import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { clientIp } from '@mailroom/platform';
import type { AuthenticatedRequest } from './access.guard';

/** The signed-in admin behind a request (set by AccessGuard), with the address the request came from. */
export interface Actor {
  readonly id: number;
  readonly username: string;
  readonly ip: string;
  readonly sessionId?: string;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const user = request.session!.user;
  return { id: user.id, username: user.username, ip: clientIp(request), sessionId: request.sessionId };
});
