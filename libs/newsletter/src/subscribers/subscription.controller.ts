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
  answerHtmlOrJson,
  HTML_CONTENT_TYPE,
  type ClientInfo,
} from '@mailroom/platform';
import { ManageActionDto } from './dto/manage-action.dto';
import { SubscriberChangeEmailDto } from './dto/subscriber-change-email.dto';
import { SubscriberCreateDto } from './dto/subscriber-create.dto';
import { SubscriberUnsubscribeDto } from './dto/subscriber-unsubscribe.dto';
import { TokenDto } from './dto/token.dto';
import { ManageCsrfGuard, manageFormScope } from './manage-csrf.guard';
import { pages } from './subscription.pages';
import { SubscriptionService, type SubscriptionOutcome } from './subscription.service';

/** The same words whatever the address's state, so answers never reveal who is subscribed. */
const CHECK_INBOX = 'If this address can receive our newsletter, we have sent it an email. Follow the link inside.';

/** The seed's public /api/newsletter: each route hands its validated input to the service and answers its outcome. */
@ApiTags('newsletter')
@Controller('api/newsletter')
export class SubscriptionController {
  constructor(
    private readonly subscriptions: SubscriptionService,
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
    return this.answer(req, reply, await this.subscriptions.subscribe(body, client, spam));
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
    const outcome =
      body.token === undefined
        ? await this.subscriptions.requestUnsubscribe(body.email!)
        : await this.subscriptions.unsubscribe(body.token, client, { reason: body.reason, oneClick: false });
    return this.answer(req, reply, outcome);
  }

  @Put()
  @PublicSubmission()
  @ApiAcceptedResponse({
    description: 'The current address is asked to approve the move; same answer for every address.',
  })
  async changeEmail(
    @Body() body: SubscriberChangeEmailDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.answer(req, reply, await this.subscriptions.requestChangeEmail(body.old_email, body.new_email));
  }

  /** Shows what the link will do; mail scanners follow links, so a GET never changes anything. */
  @Get('confirm')
  @Public()
  @Header('content-type', HTML_CONTENT_TYPE)
  async confirmPage(@Query('token') token: string): Promise<string> {
    const target = await this.subscriptions.inspectConfirmToken(token);
    return pages.confirm(this.config.siteName, token, target.email, target.purpose);
  }

  @Post('confirm')
  @Public()
  @ApiOkResponse({ description: 'Subscription confirmed, address change approved, or new address confirmed.' })
  async confirm(
    @Body() body: TokenDto,
    @Client() client: ClientInfo,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.answer(req, reply, await this.subscriptions.confirm(body.token, client));
  }

  @Get('unsubscribe/:token')
  @Public()
  @Header('content-type', HTML_CONTENT_TYPE)
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
    return this.answer(req, reply, await this.subscriptions.unsubscribe(token, client, { oneClick, reason }));
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
  @Header('content-type', HTML_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  async managePage(@Query('token') token?: string): Promise<string> {
    const csrf = this.csrf.issue(manageFormScope(token));
    if (!token) return pages.manageAnonymous(this.config.siteName, csrf);
    return pages.manage(this.config.siteName, await this.subscriptions.manageView(token), token, csrf);
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
    return this.answer(req, reply, await this.subscriptions.manage(body, client, spam));
  }

  /** Development only: each email as it will look (HTML part), with sample values. */
  @Get('preview/:template')
  @Public()
  @Header('content-type', HTML_CONTENT_TYPE)
  preview(@Param('template') template: string): string {
    return this.subscriptions.previewMail(template);
  }

  /** An outcome as an answer: a page for browsers' forms, JSON for everyone else (the export is a download). */
  private answer(req: FastifyRequest, reply: FastifyReply, outcome: SubscriptionOutcome): FastifyReply {
    if (outcome.kind === 'export')
      return reply
        .status(200)
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="newsletter-data.json"')
        .send(outcome.data);
    const site = this.config.siteName;
    if (outcome.kind === 'accepted')
      return answerHtmlOrJson(req, reply, {
        json: { status: 202, body: { message: CHECK_INBOX } },
        html: { page: pages.message(site, 'Check your inbox', CHECK_INBOX) },
      });
    return answerHtmlOrJson(req, reply, {
      json: { status: 200, body: outcome.json },
      html: { page: pages.message(site, outcome.title, outcome.text) },
    });
  }
}
