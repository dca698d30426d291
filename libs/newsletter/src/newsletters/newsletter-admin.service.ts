import { Injectable } from '@nestjs/common';
import type { Actor } from '@mailroom/auth';
import {
  AppConfig,
  AuditLog,
  OutboxNotifier,
  OutboxRepository,
  ValidationFailed,
  addressHash,
  isoTimestamp,
  isoTimestampOrNull,
  type Page,
  pageOf,
} from '@mailroom/platform';
import { DeliveryRepository, type DeliveryCounts, type DeliveryRow } from './delivery/delivery.repository';
import { SubscriberLinks } from '../subscribers/subscriber-links';
import { DeliveryNotifier } from './delivery/delivery-notifier';
import { SendStarter } from './delivery/send-starter';
import type { NewsletterListQueryDto } from './dto/newsletter-list-query.dto';
import type { DeliveryListQueryDto } from './dto/newsletter-actions.dto';
import type { NewsletterCreateDto, NewsletterUpdateDto } from './dto/newsletter-write.dto';
import { NewsletterNotFound, NewsletterStateConflict } from './newsletters.errors';
import {
  compileNewsletter,
  personalise,
  unknownMergeFields,
  type NewsletterContent,
  type RenderedNewsletter,
} from './newsletter-render';
import { NewsletterRepository, type NewsletterRow, type NewsletterStatus } from './newsletter.repository';
import { NewsletterArchive } from './archive/newsletter-archive.service';
import { TemplateAdminService } from './templates/template-admin.service';
import { parseAudienceFilter, type AudienceFilter } from './audience/audience-filter';
import type { NewsletterLayout } from './templates/template-layout';

export interface NewsletterView {
  readonly id: number;
  readonly subject: string;
  readonly preheader: string | null;
  readonly body: string;
  readonly format: 'markdown' | 'html';
  readonly status: NewsletterStatus;
  readonly send_at: string | null;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly audience_count: number;
  readonly failure_reason: string | null;
  readonly created_by: string | null;
  /** Its saved layout; null: the built-in one. */
  readonly template_id: number | null;
  /** Who of the confirmed subscribers it goes to; null: all of them. */
  readonly audience: AudienceFilter | null;
  /** Shown in the public archive once sent. */
  readonly in_archive: boolean;
  /** Where the archive shows it: set while it is in the archive and sent. */
  readonly archive_url: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface NewsletterProgress {
  readonly status: NewsletterStatus;
  readonly audience: number;
  readonly counts: DeliveryCounts;
  /** Final rows as a share of the audience, 0–100. */
  readonly percent: number;
  readonly rate_per_second: number | null;
  readonly eta_seconds: number | null;
}

export type DeliveryView = Omit<DeliveryRow, 'finished_at'> & { readonly finished_at: string | null };

export interface NewsletterPreview extends RenderedNewsletter {
  readonly recipient: { readonly email: string; readonly name: string | null; readonly sample: boolean };
}

const EDITABLE: readonly NewsletterStatus[] = ['draft', 'scheduled'];
const DELETABLE: readonly NewsletterStatus[] = ['draft', 'scheduled', 'cancelled', 'failed'];
export const FINAL_STATUSES: readonly NewsletterStatus[] = ['sent', 'cancelled', 'failed'];
const LIVE_PROGRESS_MS = 1000;
const SUBJECT_MAX = 200;
const COPY_MARK = ' (copy)';

/** Newsletters for admins: drafts, preview and test sends, and the send lifecycle. Every change is audited. */
@Injectable()
export class NewsletterAdminService {
  private readonly live = new Map<number, { at: number; progress: Promise<NewsletterProgress> }>();

  constructor(
    private readonly newsletters: NewsletterRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly outbox: OutboxRepository,
    private readonly mailQueue: OutboxNotifier,
    private readonly sender: DeliveryNotifier,
    private readonly starter: SendStarter,
    private readonly links: SubscriberLinks,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly archive: NewsletterArchive,
    private readonly templates: TemplateAdminService,
  ) {}

  async list(query: NewsletterListQueryDto): Promise<Page<NewsletterView>> {
    const { rows, ...counted } = await this.newsletters.list(query);
    return pageOf(
      rows.map((row) => this.view(row)),
      counted,
      query,
    );
  }

  async create(input: NewsletterCreateDto, actor: Actor): Promise<NewsletterView> {
    this.checkMergeFields(input);
    await this.templates.requireExists(input.template_id);
    const id = await this.newsletters.create({
      subject: input.subject,
      preheader: input.preheader || null,
      body: input.body,
      format: input.format ?? 'markdown',
      templateId: input.template_id ?? null,
      audienceFilter: storedFilter(input.audience),
      createdBy: actor.username,
    });
    await this.record(actor, 'newsletter.create', id, { subject: input.subject });
    return this.view(await this.find(id));
  }

  async get(id: number): Promise<NewsletterView & { progress: NewsletterProgress }> {
    const newsletter = await this.find(id);
    return { ...this.view(newsletter), progress: await this.progressOf(newsletter) };
  }

  async progress(id: number): Promise<NewsletterProgress> {
    return this.progressOf(await this.find(id));
  }

  /**
   * Progress for live streams: computed at most once a second per newsletter and shared by every stream watching it,
   * so a dozen open tabs cost one count, not twelve.
   */
  liveProgress(id: number, now = Date.now()): Promise<NewsletterProgress> {
    const cached = this.live.get(id);
    if (cached && now - cached.at < LIVE_PROGRESS_MS) return cached.progress;
    const progress = this.progress(id);
    this.live.set(id, { at: now, progress });
    progress.catch(() => this.live.delete(id));
    // Old entries go once nobody has asked for a while.
    for (const [key, entry] of this.live) if (now - entry.at > 60_000) this.live.delete(key);
    return progress;
  }

  async update(id: number, changes: NewsletterUpdateDto, actor: Actor): Promise<NewsletterView> {
    const current = await this.find(id);
    this.checkMergeFields({ ...current, ...changes });
    await this.templates.requireExists(changes.template_id);
    const updated = await this.newsletters.update(id, EDITABLE, {
      ...(changes.subject !== undefined ? { subject: changes.subject } : {}),
      ...(changes.preheader !== undefined ? { preheader: changes.preheader || null } : {}),
      ...(changes.body !== undefined ? { body: changes.body } : {}),
      ...(changes.format !== undefined ? { format: changes.format } : {}),
      ...(changes.template_id !== undefined ? { template_id: changes.template_id } : {}),
      ...(changes.audience !== undefined ? { audience_filter: storedFilter(changes.audience) } : {}),
    });
    if (!updated) throw new NewsletterStateConflict(`A ${current.status} newsletter cannot be edited`);
    await this.record(actor, 'newsletter.update', id, { fields: Object.keys(changes) });
    return this.view(await this.find(id));
  }

  async delete(id: number, actor: Actor): Promise<void> {
    const current = await this.find(id);
    if (!(await this.newsletters.delete(id, DELETABLE)))
      throw new NewsletterStateConflict(`A ${current.status} newsletter cannot be deleted; cancel it first`);
    await this.record(actor, 'newsletter.delete', id, { subject: current.subject });
  }

  /** Unsaved content rendered for a sample reader: the editor's live preview. Nothing is stored. */
  async renderDraft(content: NewsletterCreateDto): Promise<RenderedNewsletter> {
    this.checkMergeFields(content);
    await this.templates.requireExists(content.template_id);
    return this.render(
      {
        subject: content.subject,
        preheader: content.preheader || null,
        body: content.body,
        format: content.format ?? 'markdown',
      },
      'reader@example.com',
      'Sample Reader',
      await this.templates.layoutFor(content.template_id ?? null),
    );
  }

  /** The email as one subscriber (or a sample one) would get it; nothing is sent or stored. */
  async preview(id: number, subscriberId?: number): Promise<NewsletterPreview> {
    const newsletter = await this.find(id);
    const recipient =
      subscriberId === undefined ? undefined : (await this.deliveries.recipientsNow([subscriberId])).get(subscriberId);
    if (subscriberId !== undefined && !recipient) throw new ValidationFailed({ subscriber_id: 'no such subscriber' });
    const email = recipient?.email ?? 'reader@example.com';
    const name = recipient ? recipient.name : 'Sample Reader';
    const rendered = this.render(newsletter, email, name ?? '', await this.templates.layoutFor(newsletter.template_id));
    return { ...rendered, recipient: { email, name, sample: !recipient } };
  }

  /** Test sends go through the outbox (durable, retried) and say so in the subject and a header. */
  async test(id: number, emails: readonly string[], actor: Actor): Promise<{ queued: number }> {
    const newsletter = await this.find(id);
    this.requireSmtp();
    const unique = [...new Set(emails.map((email) => email.trim()))];
    const layout = await this.templates.layoutFor(newsletter.template_id);
    await this.newsletters.transaction(async (tx) => {
      for (const email of unique) {
        const rendered = this.render(newsletter, email, actor.username, layout);
        await this.outbox.enqueue(
          tx,
          'newsletter.test',
          {
            to: [email],
            subject: `[Test] ${rendered.subject}`,
            html: rendered.html,
            text: rendered.text,
            headers: { 'X-Mailroom-Test': 'true', 'X-Mailroom-Newsletter': String(id) },
          },
          { personHash: addressHash(email) },
        );
      }
    });
    this.mailQueue.mailQueued();
    await this.record(actor, 'newsletter.test', id, { emails: unique });
    return { queued: unique.length };
  }

  /**
   * Sends now (snapshotting the audience into delivery rows) or schedules for `sendAt`. With `expectedAudience` (the
   * count the admin confirmed) a send now happens only if the snapshot is exactly that many people. A failed newsletter
   * may be sent again only if it never reached anyone (it missed its schedule).
   */
  async send(id: number, options: { sendAt?: Date; expectedAudience?: number }, actor: Actor): Promise<NewsletterView> {
    const { sendAt, expectedAudience } = options;
    // A time that has passed is a mistake to point out, never a reason to send to everyone at once.
    if (sendAt !== undefined && sendAt.getTime() <= Date.now())
      throw new ValidationFailed({ send_at: 'must be in the future; leave it out to send now' });
    const current = await this.find(id);
    this.requireSmtp();
    if (current.status === 'failed' && current.audience_count > 0)
      throw new NewsletterStateConflict('This newsletter was already sent to its audience');
    const from: NewsletterStatus[] = ['draft', 'scheduled', 'failed'];
    const when = sendAt;
    if (when !== undefined) {
      if (!(await this.newsletters.update(id, from, { status: 'scheduled', send_at: when, failure_reason: null })))
        throw new NewsletterStateConflict(`A ${current.status} newsletter cannot be scheduled`);
      await this.record(actor, 'newsletter.schedule', id, { send_at: when.toISOString() });
      return this.view(await this.find(id));
    }
    const started = await this.starter.start(id, from, new Date(), expectedAudience);
    if (!started) throw new NewsletterStateConflict(`A ${current.status} newsletter cannot be sent`);
    this.statusChanged(id);
    this.sender.newsletterReady();
    const sent = await this.find(id);
    await this.record(actor, 'newsletter.send', id, { audience: sent.audience_count });
    return this.view(sent);
  }

  /** How many confirmed subscribers a filter (or none: everyone) reaches now, exactly: what a send would snapshot. */
  async audienceSize(filter: unknown): Promise<{ count: number }> {
    const parsed = filter === null || filter === undefined ? null : parseAudienceFilter(filter);
    return { count: await this.deliveries.audienceSize(parsed) };
  }

  /** Shows or hides it in the public archive, at any status (it appears there once sent). */
  async setInArchive(id: number, inArchive: boolean, actor: Actor): Promise<NewsletterView> {
    if (!(await this.newsletters.setInArchive(id, inArchive))) throw new NewsletterNotFound(id);
    await this.record(actor, 'newsletter.archive', id, { in_archive: inArchive });
    return this.view(await this.find(id));
  }

  /** A new draft with the same subject (marked as a copy), preheader, body and format, for the next issue. */
  async duplicate(id: number, actor: Actor): Promise<NewsletterView> {
    const source = await this.find(id);
    const copy = await this.newsletters.create({
      subject: `${source.subject.slice(0, SUBJECT_MAX - COPY_MARK.length)}${COPY_MARK}`,
      preheader: source.preheader,
      body: source.body,
      format: source.format,
      templateId: source.template_id,
      audienceFilter: source.audience_filter,
      createdBy: actor.username,
    });
    await this.record(actor, 'newsletter.duplicate', copy, { from: id });
    return this.view(await this.find(copy));
  }

  async pause(id: number, actor: Actor): Promise<NewsletterView> {
    return this.transition(id, ['sending'], 'paused', 'newsletter.pause', actor);
  }

  async resume(id: number, actor: Actor): Promise<NewsletterView> {
    const view = await this.transition(id, ['paused'], 'sending', 'newsletter.resume', actor);
    this.sender.newsletterReady();
    return view;
  }

  /** Stops for good: rows nobody holds are skipped; rows already in a sender's hands finish. */
  async cancel(id: number, actor: Actor): Promise<NewsletterView> {
    const current = await this.find(id);
    const cancelled = await this.newsletters.transaction(async (tx) => {
      const ok = await this.newsletters.update(
        id,
        ['scheduled', 'sending', 'paused'],
        { status: 'cancelled', finished_at: new Date() },
        tx,
      );
      if (ok) await this.deliveries.cancelPending(tx, id);
      return ok;
    });
    if (!cancelled) throw new NewsletterStateConflict(`A ${current.status} newsletter cannot be cancelled`);
    this.statusChanged(id);
    await this.record(actor, 'newsletter.cancel', id);
    return this.view(await this.find(id));
  }

  /** One row per recipient; `finished_at` as ISO 8601 like every other timestamp the API answers. */
  async listDeliveries(id: number, query: DeliveryListQueryDto): Promise<Page<DeliveryView>> {
    await this.find(id);
    const { rows, ...counted } = await this.deliveries.list(id, query);
    return pageOf(
      rows.map((row) => ({
        ...row,
        finished_at: isoTimestampOrNull(row.finished_at),
      })),
      counted,
      query,
    );
  }

  private async transition(
    id: number,
    from: NewsletterStatus[],
    to: NewsletterStatus,
    action: string,
    actor: Actor,
  ): Promise<NewsletterView> {
    const current = await this.find(id);
    if (!(await this.newsletters.update(id, from, { status: to })))
      throw new NewsletterStateConflict(
        `A ${current.status} newsletter cannot be ${to === 'paused' ? 'paused' : 'resumed'}`,
      );
    this.statusChanged(id);
    await this.record(actor, action, id);
    return this.view(await this.find(id));
  }

  /**
   * A stream opened after a pause, resume, cancel or start must not hear the progress read before it (the dashboard
   * would show "paused" for a send that was resumed). Other API processes drop theirs within LIVE_PROGRESS_MS.
   */
  private statusChanged(id: number): void {
    this.live.delete(id);
  }

  private async progressOf(newsletter: NewsletterRow): Promise<NewsletterProgress> {
    const counts = await this.deliveries.counts(newsletter.id);
    const done = counts.sent + counts.failed + counts.skipped + counts.bounced;
    const audience = Math.max(newsletter.audience_count, done + counts.pending);
    const elapsed = newsletter.started_at ? (Date.now() - newsletter.started_at.getTime()) / 1000 : 0;
    const rate = elapsed > 1 && done > 0 ? done / elapsed : null;
    return {
      status: newsletter.status,
      audience,
      counts,
      percent:
        audience === 0 ? (FINAL_STATUSES.includes(newsletter.status) ? 100 : 0) : Math.floor((done / audience) * 100),
      rate_per_second: rate === null ? null : Math.round(rate * 10) / 10,
      eta_seconds: rate === null || counts.pending === 0 ? null : Math.ceil(counts.pending / rate),
    };
  }

  private render(
    newsletter: NewsletterContent,
    email: string,
    name: string,
    layout: NewsletterLayout | undefined,
  ): RenderedNewsletter {
    const compiled = compileNewsletter(
      newsletter,
      { siteName: this.config.siteName, postalAddress: this.config.newsletter.postalAddress },
      layout,
    );
    return personalise(compiled, {
      name,
      email,
      unsubscribe_url: this.links.previewUnsubscribe(),
      manage_url: this.links.managePage(),
    });
  }

  private checkMergeFields(content: { subject?: string; preheader?: string | null; body?: string }): void {
    const problems: Record<string, string> = {};
    for (const field of ['subject', 'preheader', 'body'] as const) {
      const unknown = unknownMergeFields(content[field] ?? '');
      if (unknown.length > 0)
        problems[field] =
          `unknown merge field ${unknown.join(', ')}; use {{name}}, {{email}}, {{unsubscribe_url}} or {{manage_url}}`;
    }
    if (Object.keys(problems).length > 0) throw new ValidationFailed(problems);
  }

  private requireSmtp(): void {
    if (this.config.smtp.host === undefined)
      throw new NewsletterStateConflict('SMTP_HOST is not set: configure an SMTP server before sending');
  }

  private async find(id: number): Promise<NewsletterRow> {
    const newsletter = await this.newsletters.findById(id);
    if (!newsletter) throw new NewsletterNotFound(id);
    return newsletter;
  }

  private record(actor: Actor, action: string, id: number, details?: unknown): Promise<void> {
    return this.audit.recordBy(actor, action, `newsletter:${id}`, details);
  }

  private view(row: NewsletterRow): NewsletterView {
    // SQLite answers booleans as 0 and 1.
    const inArchive = row.in_archive === true || (row.in_archive as unknown) === 1;
    return {
      id: row.id,
      subject: row.subject,
      preheader: row.preheader,
      body: row.body,
      format: row.format,
      status: row.status,
      send_at: isoTimestampOrNull(row.send_at),
      started_at: isoTimestampOrNull(row.started_at),
      finished_at: isoTimestampOrNull(row.finished_at),
      audience_count: row.audience_count,
      failure_reason: row.failure_reason,
      created_by: row.created_by,
      template_id: row.template_id === null ? null : Number(row.template_id),
      audience: row.audience_filter === null ? null : (JSON.parse(row.audience_filter) as AudienceFilter),
      in_archive: inArchive,
      archive_url: inArchive && row.status === 'sent' ? this.archive.urlOf(row.id) : null,
      created_at: isoTimestamp(row.created_at),
      updated_at: isoTimestamp(row.updated_at),
    };
  }
}

/** A filter from the API as stored: checked (400 naming the field), or null for everyone. */
function storedFilter(input: unknown): string | null {
  if (input === null || input === undefined) return null;
  return JSON.stringify(parseAudienceFilter(input));
}
