import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@mailroom/auth';
import { BodyLimit, IdParams } from '@mailroom/platform';
import { RenderedNewsletterDto } from '../dto/newsletter-view.dto';
import type { RenderedNewsletter } from '../newsletter-render';
import {
  TEMPLATE_BODY_LIMIT,
  TemplateCreateDto,
  TemplateLayoutDto,
  TemplateUpdateDto,
  TemplateViewDto,
} from './dto/template.dto';
import { TemplateAdminService, type TemplateView } from './template-admin.service';

/** Saved newsletter layouts. Viewers read; owners and admins write. */
@ApiTags('admin: templates')
@Controller('admin/api/templates')
export class TemplateAdminController {
  constructor(private readonly templates: TemplateAdminService) {}

  @Get()
  @ApiOkResponse({
    type: [TemplateViewDto],
    description: 'Every saved layout, by name (the built-in one is not listed).',
  })
  list(): Promise<TemplateView[]> {
    return this.templates.list();
  }

  @Post()
  @Roles('owner', 'admin')
  @BodyLimit(TEMPLATE_BODY_LIMIT)
  @ApiCreatedResponse({ type: TemplateViewDto })
  create(@Body() body: TemplateCreateDto, @CurrentActor() actor: Actor): Promise<TemplateView> {
    return this.templates.create(body, actor);
  }

  /** Renders a sample issue through a layout that need not be saved (the editor's live preview). */
  @Post('preview')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @BodyLimit(TEMPLATE_BODY_LIMIT)
  @ApiOkResponse({ type: RenderedNewsletterDto, description: 'A sample issue for a sample reader; nothing is stored.' })
  preview(@Body() body: TemplateLayoutDto): RenderedNewsletter {
    return this.templates.preview(body);
  }

  @Get(':id')
  @ApiOkResponse({ type: TemplateViewDto })
  get(@Param() params: IdParams): Promise<TemplateView> {
    return this.templates.get(params.id);
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @BodyLimit(TEMPLATE_BODY_LIMIT)
  @ApiOkResponse({ type: TemplateViewDto })
  update(
    @Param() params: IdParams,
    @Body() body: TemplateUpdateDto,
    @CurrentActor() actor: Actor,
  ): Promise<TemplateView> {
    return this.templates.update(params.id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiNoContentResponse()
  delete(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<void> {
    return this.templates.delete(params.id, actor);
  }
}
