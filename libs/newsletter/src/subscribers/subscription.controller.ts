import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AppConfig,
  Client,
  FormCsrf,
  HoneypotTripped,
  Public,
  PublicSubmission,
  wantsHtml,
  type ClientInfo,
} from '@mailroom/platform';
import { ManageActionDto } from './dto/manage-action.dto';
import { SubscriberChangeEmailDto } from './dto/subscriber-change-email.dto';
import { SubscriberCreateDto } from './dto/subscriber-create.dto';
import { SubscriberUnsubscribeDto } from './dto/subscriber-unsubscribe.dto';
import { TokenDto } from './dto/token.dto';
import { ManageCsrfGuard, manageFormScope } from './manage-csrf.guard';
import { pages } from './subscription.pages';
import { SubscriptionService } from './subscription.service';

/** The same words whatever the address's state, so answers never reveal who is subscribed. */
const CHECK_INBOX = 'If this address can receive our newsletter, we have sent it an email. Follow the link inside.';
const HTML = 'text/html; charset=utf-8';

@ApiTags('newsletter')
@Controller('api/newsletter')
export class SubscriptionController {
  constructor(
    private readonly newsletter: SubscriptionService,
    private readonly config: AppConfig,
    private readonly csrf: FormCsrf,
  ) {}

  @Post()
  @PublicSubmission()
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiAcceptedResponse({ description: 'Same answer for every address (no enumeration).' })
  async subscribe(
    @Body() body: SubscriberCreateDto,
    @Client() client: ClientInfo,
    @HoneypotTripped() spam: boolean,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.newsletter.subscribe(body, client, spam);
    return this.accepted(req, reply, 'Check your inbox');
  }

  @Delete()
  @PublicSubmission()
  @ApiAcceptedResponse({
    description: 'With `email`: a link is mailed (same answer for every address). With `token`: unsubscribed.',
  })
  async unsubscribe(
    @Body() body: SubscriberUnsubscribeDto,
    @Client() client: ClientInfo,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (body.token === undefined) {
      await this.newsletter.requestUnsubscribe(body.email!);
      return this.accepted(req, reply, 'Check your inbox');
    }
    await this.newsletter.unsubscribe(body.token, client, { reason: body.reason, oneClick: false });
    return this.done(req, reply, 'Unsubscribed', 'You will not receive the newsletter any more.', {
      status: 'unsubscribed',
    });
  }

  @Put()
  @PublicSubmission()
  @ApiAcceptedResponse({ description: 'The new address gets a confirmation link; same answer for every address.' })
  async changeEmail(
    @Body() body: SubscriberChangeEmailDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.newsletter.requestChangeEmail(body.old_email, body.new_email);
    return this.accepted(req, reply, 'Check your inbox');
  }

  /** Shows what the link will do; mail scanners follow links, so a GET never changes anything. */
  @Get('confirm')
  @Public()
  @Header('content-type', HTML)
  async confirmPage(@Query('token') token: string): Promise<string> {
    const target = await this.newsletter.inspectConfirmToken(token);
    return pages.confirm(this.config.siteName, token, target.email, target.purpose);
  }

  @Post('confirm')
  @Public()
  @ApiOkResponse({ description: 'Subscription (or new address) confirmed; repeating it is harmless.' })
  async confirm(
    @Body() body: TokenDto,
    @Client() client: ClientInfo,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.newsletter.confirm(body.token, client);
    return this.done(req, reply, 'Confirmed', `${view.email} is subscribed. Thank you!`, {
      status: view.status,
      email: view.email,
    });
  }

  @Get('unsubscribe/:token')
  @Public()
  @Header('content-type', HTML)
  unsubscribePage(@Param('token') token: string): string {
    return pages.unsubscribe(this.config.siteName, token);
  }

  /** RFC 8058 one-click: no cookie, CSRF token or Origin; 200 without redirect; idempotent. */
  @Post('unsubscribe/:token')
  @Public()
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data')
  async oneClick(
    @Param('token') token: string,
    @Client() client: ClientInfo,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const oneClick = form['List-Unsubscribe'] === 'One-Click';
    const reason =
      typeof form.reason === 'string' && form.reason.trim() !== '' ? form.reason.trim().slice(0, 500) : undefined;
    await this.newsletter.unsubscribe(token, client, { oneClick, reason });
    return this.done(req, reply, 'Unsubscribed', 'You will not receive the newsletter any more.', {
      status: 'unsubscribed',
    });
  }

  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  async oneClickByQuery(
    @Query('token') token: string,
    @Client() client: ClientInfo,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.oneClick(token, client, req, reply);
  }

  @Get('manage')
  @Public()
  @Header('content-type', HTML)
  @Header('cache-control', 'no-store')
  async managePage(@Query('token') token?: string): Promise<string> {
    const csrf = this.csrf.issue(manageFormScope(token));
    if (!token) return pages.manageAnonymous(this.config.siteName, csrf);
    return pages.manage(this.config.siteName, await this.newsletter.manageView(token), token, csrf);
  }

  @Post('manage')
  @PublicSubmission()
  @UseGuards(ManageCsrfGuard)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  async manage(
    @Body() body: ManageActionDto,
    @Client() client: ClientInfo,
    @HoneypotTripped() spam: boolean,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { action, token } = body;
    if (token === undefined) {
      if (action === 'subscribe')
        await this.newsletter.subscribe({ email: body.email!, name: body.name }, client, spam);
      else if (action === 'update') await this.newsletter.requestChangeEmail(body.email!, body.new_email!);
      else if (action === 'unsubscribe') await this.newsletter.requestUnsubscribe(body.email!);
      else await this.newsletter.requestManageLink(body.email!);
      return this.accepted(req, reply, 'Check your inbox');
    }
    switch (action) {
      case 'export':
        return reply
          .status(200)
          .header('content-disposition', 'attachment; filename="newsletter-data.json"')
          .header('cache-control', 'no-store')
          .send(await this.newsletter.export(token));
      case 'erase':
        await this.newsletter.erase(token);
        return this.done(req, reply, 'Erased', 'Everything we stored about you is deleted.', { status: 'erased' });
      case 'unsubscribe':
        await this.newsletter.unsubscribe(token, client, { reason: body.reason, oneClick: false });
        return this.done(req, reply, 'Unsubscribed', 'You will not receive the newsletter any more.', {
          status: 'unsubscribed',
        });
      case 'subscribe':
        await this.newsletter.resubscribe(token, client);
        return this.done(req, reply, 'Subscribed', 'Welcome back!', { status: 'confirmed' });
      case 'update':
      case 'request_link':
        await this.newsletter.updateProfile(token, { name: body.name, newEmail: body.new_email });
        return this.done(req, reply, 'Saved', 'Your changes are saved. A new address takes effect once it confirms.', {
          status: 'saved',
        });
    }
  }

  /** Development only: each email as it will look (HTML part), with sample values. */
  @Get('preview/:template')
  @Public()
  @Header('content-type', HTML)
  preview(@Param('template') template: string): string {
    return this.newsletter.previewMail(template);
  }

  private accepted(req: FastifyRequest, reply: FastifyReply, title: string): FastifyReply {
    if (wantsHtml(req))
      return reply
        .status(200)
        .type(HTML)
        .send(pages.message(this.config.siteName, title, CHECK_INBOX));
    return reply.status(202).header('cache-control', 'no-store').send({ message: CHECK_INBOX });
  }

  private done(
    req: FastifyRequest,
    reply: FastifyReply,
    title: string,
    text: string,
    json: Record<string, unknown>,
  ): FastifyReply {
    if (wantsHtml(req))
      return reply
        .status(200)
        .type(HTML)
        .send(pages.message(this.config.siteName, title, text));
    return reply.status(200).header('cache-control', 'no-store').send(json);
  }
}
