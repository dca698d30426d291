import { Controller, Get, Header, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBody, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  answerHtmlOrJson,
  AppConfig,
  Client,
  HTML_CONTENT_TYPE,
  Public,
  renderPage,
  type ClientInfo,
} from '@mailroom/platform';
import type { AuthenticatedRequest } from './access.guard';
import { AuthService, type AdminIdentity, type SessionInfo } from './auth.service';
import { SessionDto } from './dto/admin-user-view.dto';
import { LoginDto } from './dto/login.dto';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie';
import { SignInGuard } from './sign-in.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(SignInGuard, AuthGuard('local'))
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionDto, description: 'The session cookie is set.' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer for every reason).' })
  async login(
    @Req() request: FastifyRequest & { user: AdminIdentity },
    @Client() client: ClientInfo,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.auth.startSession(request.user, client);
    setSessionCookie(request, reply, session.token, this.config.admin.cookieSecure);
    answerHtmlOrJson(request, reply, {
      json: { status: 200, body: { user: session.user, csrf_token: session.csrf_token } },
      html: { redirect: '/admin' },
    });
  }

  /** A minimal sign-in page for browsers without the dashboard. */
  @Get('login')
  @Public()
  @Header('content-type', HTML_CONTENT_TYPE)
  loginPage(): string {
    return renderPage({
      title: 'Sign in',
      siteName: this.config.siteName,
      body: `<h1>Sign in</h1><form method="post" action="/auth/login">
<label for="username">Username</label><input id="username" name="username" required autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">Sign in</button></form>`,
    });
  }

  @Get('session')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: SessionDto, description: 'The current session; 401 without one.' })
  current(@Req() request: AuthenticatedRequest): SessionInfo {
    return request.session!;
  }

  @Post('logout')
  @HttpCode(204)
  async logout(
    @Req() request: FastifyRequest,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.endSession(sessionTokenOf(request, this.config.admin.cookieSecure), client);
    clearSessionCookie(request, reply, this.config.admin.cookieSecure);
  }
}
