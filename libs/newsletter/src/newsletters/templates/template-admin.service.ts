import { Injectable } from '@nestjs/common';
import type { Actor } from '@mailroom/auth';
import { AppConfig, AuditLog, ValidationFailed, isoTimestamp } from '@mailroom/platform';
import { SubscriberLinks } from '../../subscribers/subscriber-links';
import { compileNewsletter, personalise, type RenderedNewsletter } from '../newsletter-render';
import type { TemplateCreateDto, TemplateUpdateDto } from './dto/template.dto';
import { layoutProblems, type NewsletterLayout } from './template-layout';
import { TemplateRepository, type TemplateRow } from './template.repository';
import { TemplateInUse, TemplateNotFound } from './templates.errors';

export interface TemplateView {
  readonly id: number;
  readonly name: string;
  readonly html: string;
  readonly text: string;
  readonly used_by: number;
  readonly created_by: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** What the preview fills a layout with: a short sample issue for a sample reader. */
const SAMPLE = {
  subject: 'A sample issue',
  preheader: null,
  format: 'markdown' as const,
  body: '## This month\n\nHello {{name}}, this is where the newsletter goes: **text**, [links](https://example.org) and lists.\n\n- one\n- two',
};

/** Saved newsletter layouts for admins: checked, sanitised, previewed, and audited. */
@Injectable()
export class TemplateAdminService {
  constructor(
    private readonly templates: TemplateRepository,
    private readonly links: SubscriberLinks,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<TemplateView[]> {
    return Promise.all((await this.templates.list()).map((row) => this.view(row)));
  }

  async get(id: number): Promise<TemplateView> {
    return this.view(await this.find(id));
  }

  async create(input: TemplateCreateDto, actor: Actor): Promise<TemplateView> {
    this.check(input);
    const id = await this.templates.create({ ...input, createdBy: actor.username });
    if (id === undefined) throw new ValidationFailed({ name: 'another template has this name' });
    await this.record(actor, 'template.create', id, { name: input.name });
    return this.get(id);
  }

  /** Changes apply to every newsletter using it, so not while one of them is scheduled or on its way out. */
  async update(id: number, changes: TemplateUpdateDto, actor: Actor): Promise<TemplateView> {
    const current = await this.find(id);
    this.check({ html: changes.html ?? current.html, text: changes.text ?? current.text });
    if ((await this.templates.usage(id)).inFlight > 0)
      throw new TemplateInUse('A newsletter using this template is scheduled or sending; change it afterwards');
    if (!(await this.templates.update(id, changes)))
      throw new ValidationFailed({ name: 'another template has this name' });
    await this.record(actor, 'template.update', id, { fields: Object.keys(changes) });
    return this.get(id);
  }

  async delete(id: number, actor: Actor): Promise<void> {
    const current = await this.find(id);
    const { total } = await this.templates.usage(id);
    if (total > 0) throw new TemplateInUse(`${total} newsletter(s) use this template; pick another for them first`);
    await this.templates.delete(id);
    await this.record(actor, 'template.delete', id, { name: current.name });
  }

  /** A sample issue through a layout (saved or not), for the editor's live preview. */
  preview(layout: NewsletterLayout): RenderedNewsletter {
    this.check(layout);
    const compiled = compileNewsletter(
      SAMPLE,
      { siteName: this.config.siteName, postalAddress: this.config.newsletter.postalAddress },
      layout,
    );
    return personalise(compiled, {
      name: 'Sam Sample',
      email: 'sam@example.org',
      unsubscribe_url: this.links.previewUnsubscribe(),
      manage_url: this.links.managePage(),
    });
  }

  /** The layout a newsletter names, for rendering; undefined for the built-in one. */
  async layoutFor(templateId: number | null): Promise<NewsletterLayout | undefined> {
    return templateId === null ? undefined : this.templates.findById(templateId);
  }

  /** Whether a newsletter may name this template (400 on the newsletter's `template_id` if not). */
  async requireExists(templateId: number | null | undefined): Promise<void> {
    if (templateId === null || templateId === undefined) return;
    if (!(await this.templates.findById(templateId))) throw new ValidationFailed({ template_id: 'no such template' });
  }

  private check(layout: NewsletterLayout): void {
    const problems = layoutProblems(layout);
    if (Object.keys(problems).length > 0) throw new ValidationFailed(problems);
  }

  private async find(id: number): Promise<TemplateRow> {
    const row = await this.templates.findById(id);
    if (!row) throw new TemplateNotFound(id);
    return row;
  }

  private async view(row: TemplateRow): Promise<TemplateView> {
    return {
      id: row.id,
      name: row.name,
      html: row.html,
      text: row.text,
      used_by: (await this.templates.usage(row.id)).total,
      created_by: row.created_by,
      created_at: isoTimestamp(row.created_at),
      updated_at: isoTimestamp(row.updated_at),
    };
  }

  private record(actor: Actor, action: string, id: number, details?: unknown): Promise<void> {
    return this.audit.recordBy(actor, action, `template:${id}`, details);
  }
}
