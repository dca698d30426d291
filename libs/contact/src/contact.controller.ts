import { IdParams } from '@mailroom/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiSeeOtherResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  answerHtmlOrJson,
  AppConfig,
  HTML_CONTENT_TYPE,
  Client,
  HoneypotTripped,
  Public,
  PublicSubmission,
  type ClientInfo,
} from '@mailroom/platform';
import { ContactRejectionsFilter } from './contact-rejections.filter';
import type { Page } from '@mailroom/platform';
import { ContactAdminService } from './contact-admin.service';
import type { SubmissionRow } from './contact.repository';
import { ContactService } from './contact.service';
import { ContactListQueryDto } from './dto/contact-list-query.dto';
import { CurrentActor, Roles, type Actor } from '@mailroom/auth';
import { thankYouPage } from './contact.pages';
import { ContactCreateDto } from './dto/contact-create.dto';
import { ContactReceiptDto } from './dto/contact-receipt.dto';
import { ContactSubmissionPageDto, ContactSubmissionViewDto } from './dto/contact-view.dto';

@ApiTags('contact')
@Controller('api/contact')
export class ContactController {
  constructor(
    private readonly contacts: ContactService,
    private readonly submissions: ContactAdminService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @PublicSubmission()
  @UseFilters(ContactRejectionsFilter)
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiCreatedResponse({ type: ContactReceiptDto, description: 'Stored; the team will be notified by email.' })
  @ApiSeeOtherResponse({ description: 'Plain HTML form posts are redirected to the thank-you page.' })
  async create(
    @Body() body: ContactCreateDto,
    @Client() client: ClientInfo,
    @HoneypotTripped() honeypotTripped: boolean,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const receipt = await this.contacts.create(body, client, honeypotTripped);
    answerHtmlOrJson(request, reply, {
      json: { status: 201, body: receipt },
      html: { redirect: this.config.contact.thankYouUrl ?? '/api/contact/thanks' },
    });
  }

  @Get('thanks')
  @Public()
  @Header('content-type', HTML_CONTENT_TYPE)
  thanks(): string {
    return thankYouPage(this.config.siteName);
  }

  /** The seed's admin-only reads and delete, kept at their old paths; the same as /admin/api/contact. */
  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ContactSubmissionPageDto })
  list(@Query() query: ContactListQueryDto): Promise<Page<SubmissionRow>> {
    return this.submissions.list(query);
  }

  @Get(':id')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ContactSubmissionViewDto })
  get(@Param() params: IdParams): Promise<SubmissionRow> {
    return this.submissions.get(params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  delete(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<void> {
    return this.submissions.delete(params.id, actor);
  }
}
