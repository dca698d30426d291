import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { clientInfoOf } from '@mailroom/platform';
import { AuthService, type AdminIdentity } from './auth.service';

/** passport-local: username and password from the body (their shape is checked first, by SignInGuard). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<AdminIdentity> {
    return this.auth.verifyCredentials(username, password, clientInfoOf(request));
  }
}
