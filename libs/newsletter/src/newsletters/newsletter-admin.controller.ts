import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessGuard, CurrentActor, Roles, type Actor, type AuthenticatedRequest } from '@mailroom/auth';
import { BodyLimit, EventStreams, IdParams, type Page } from '@mailroom/platform';
import type { RenderedNewsletter } from './newsletter-render';
import {
  DeliveryListQueryDto,
  AudienceCountDto,
  AudienceCountRequestDto,
  NewsletterPreviewQueryDto,
  NewsletterSendDto,
  NewsletterTestDto,
} from './dto/newsletter-actions.dto';
import { NewsletterListQueryDto } from './dto/newsletter-list-query.dto';
import {
  DeliveryPageDto,
  NewsletterDetailDto,
  NewsletterPageDto,
  NewsletterPreviewDto,
  NewsletterViewDto,
  RenderedNewsletterDto,
  TestSendResultDto,
} from './dto/newsletter-view.dto';
import {
  NEWSLETTER_BODY_LIMIT,
  NewsletterArchiveDto,
  NewsletterCreateDto,
  NewsletterUpdateDto,
} from './dto/newsletter-write.dto';
import {
  FINAL_STATUSES,
  NewsletterAdminService,
  type DeliveryView,
  type NewsletterPreview,
  type NewsletterProgress,
  type NewsletterView,
} from './newsletter-admin.service';

/** The seed's /admin/api/newsletters, with the whole send lifecycle. Viewers read; owners and admins act. */
@ApiTags('admin: newsletters')
@Controller('admin/api/newsletters')
export class NewsletterAdminController {
  constructor(
    private readonly newsletters: NewsletterAdminService,
    private readonly streams: EventStreams,
    private readonly access: AccessGuard,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: NewsletterPageDto })
  list(@Query() query: NewsletterListQueryDto): Promise<Page<NewsletterView>> {
    return this.newsletters.list(query);
  }

  @Post()
  @Roles('owner', 'admin')
  @BodyLimit(NEWSLETTER_BODY_LIMIT)
  @ApiCreatedResponse({ type: NewsletterViewDto, description: 'The new draft.' })
  create(@Body() body: NewsletterCreateDto, @CurrentActor() actor: Actor): Promise<NewsletterView> {
    return this.newsletters.create(body, actor);
  }

  /** The editor's live preview: renders unsaved content for a sample reader (a POST only because it carries a body). */
  @Post('render')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @BodyLimit(NEWSLETTER_BODY_LIMIT)
  @ApiOkResponse({ type: RenderedNewsletterDto, description: 'For a sample reader; nothing is stored.' })
  render(@Body() body: NewsletterCreateDto): Promise<RenderedNewsletter> {
    return this.newsletters.renderDraft(body);
  }

  @Get(':id')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({
    type: NewsletterDetailDto,
    description: 'The newsletter with `progress`: counts by delivery status, percent and ETA.',
  })
  get(@Param() params: IdParams): Promise<NewsletterView & { progress: NewsletterProgress }> {
    return this.newsletters.get(params.id);
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @BodyLimit(NEWSLETTER_BODY_LIMIT)
  @ApiOkResponse({ type: NewsletterViewDto })
  update(
    @Param() params: IdParams,
    @Body() body: NewsletterUpdateDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewsletterView> {
    return this.newsletters.update(params.id, body, actor);
  }

  /** The exact number of confirmed subscribers an audience filter reaches now (the send dialog's count). */
  @Post('audience-count')
  @HttpCode(200)
  @ApiOkResponse({ type: AudienceCountDto })
  audienceCount(@Body() body: AudienceCountRequestDto): Promise<{ count: number }> {
    return this.newsletters.audienceSize(body.audience);
  }

  @Put(':id/archive')
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: NewsletterViewDto, description: 'Shown in (or hidden from) the public archive.' })
  setInArchive(
    @Param() params: IdParams,
    @Body() body: NewsletterArchiveDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewsletterView> {
    return this.newsletters.setInArchive(params.id, body.in_archive, actor);
  }

  @Post(':id/duplicate')
  @Roles('owner', 'admin')
  @ApiCreatedResponse({ type: NewsletterViewDto, description: 'A new draft with the same content.' })
  duplicate(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<NewsletterView> {
    return this.newsletters.duplicate(params.id, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiNoContentResponse()
  delete(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<void> {
    return this.newsletters.delete(params.id, actor);
  }

  @Get(':id/preview')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: NewsletterPreviewDto, description: 'As that subscriber (or a sample reader) would get it.' })
  preview(@Param() params: IdParams, @Query() query: NewsletterPreviewQueryDto): Promise<NewsletterPreview> {
    return this.newsletters.preview(params.id, query.subscriber_id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Roles('owner', 'admin')
  @ApiAcceptedResponse({ type: TestSendResultDto, description: 'Queued test sends, marked [Test].' })
  test(
    @Param() params: IdParams,
    @Body() body: NewsletterTestDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ queued: number }> {
    return this.newsletters.test(params.id, body.emails, actor);
  }

  @Post(':id/send')
  @HttpCode(202)
  @Roles('owner', 'admin')
  @ApiAcceptedResponse({
    type: NewsletterViewDto,
    description: 'Sending (or scheduled when `send_at` is in the future).',
  })
  send(
    @Param() params: IdParams,
    @Body() body: NewsletterSendDto = {},
    @CurrentActor() actor: Actor,
  ): Promise<NewsletterView> {
    return this.newsletters.send(
      params.id,
      { sendAt: body?.send_at, expectedAudience: body?.expected_audience },
      actor,
    );
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: NewsletterViewDto })
  pause(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<NewsletterView> {
    return this.newsletters.pause(params.id, actor);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: NewsletterViewDto })
  resume(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<NewsletterView> {
    return this.newsletters.resume(params.id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: NewsletterViewDto })
  cancel(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<NewsletterView> {
    return this.newsletters.cancel(params.id, actor);
  }

  @Get(':id/deliveries')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({
    type: DeliveryPageDto,
    description: 'One row per recipient: status, attempts, SMTP response, Message-ID.',
  })
  deliveries(@Param() params: IdParams, @Query() query: DeliveryListQueryDto): Promise<Page<DeliveryView>> {
    return this.newsletters.listDeliveries(params.id, query);
  }

  /** Live progress as server-sent events (`progress`), once a second until the newsletter is final. */
  @Get(':id/events')
  @ApiOkResponse({ description: 'text/event-stream of `progress` events.' })
  async events(
    @Param() params: IdParams,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.newsletters.progress(params.id); // a 404 before the stream starts
    await this.streams.stream(
      request,
      reply,
      async () => {
        const progress = await this.newsletters.liveProgress(params.id);
        return { event: 'progress', data: progress, last: FINAL_STATUSES.includes(progress.status) };
      },
      { owner: request.sessionId!, stillAllowed: () => this.access.stillSignedIn(request) },
    );
  }
}
