import { Injectable } from '@nestjs/common';
import { AppConfig, NotFound } from '@mailroom/platform';
import { SubscriberLinks } from '../../subscribers/subscriber-links';
import { renderForArchive } from '../newsletter-render';
import { NewsletterRepository, type ArchivedNewsletter } from '../newsletter.repository';
import { archivePages, type ArchiveEntry, type ArchiveSite } from './archive.pages';

/** How many issues the archive page and the feed list (the newest). */
export const ARCHIVE_SIZE = 50;

/**
 * The public archive: newsletters an admin chose to show, once sent, rendered for a reader nobody knows (no personal
 * merge fields, no personal links), at stable URLs under PUBLIC_URL, with an RSS feed.
 */
@Injectable()
export class NewsletterArchive {
  constructor(
    private readonly newsletters: NewsletterRepository,
    private readonly links: SubscriberLinks,
    private readonly config: AppConfig,
  ) {}

  async indexPage(): Promise<string> {
    return archivePages.index(this.site(), await this.entries());
  }

  async issuePage(id: number): Promise<string> {
    const row = await this.newsletters.findArchived(id);
    // Not there, not sent yet, or not in the archive: the same answer, so drafts cannot be found by id.
    if (!row) throw new NotFound('No such newsletter in the archive');
    return archivePages.issue(this.site(), this.entry(row));
  }

  async feed(): Promise<string> {
    return archivePages.feed(this.site(), await this.entries());
  }

  /** Where a newsletter is (or would be) in the archive. */
  urlOf(id: number): string {
    return `${this.config.publicUrl}/archive/${id}`;
  }

  private async entries(): Promise<ArchiveEntry[]> {
    return (await this.newsletters.archived(ARCHIVE_SIZE)).map((row) => this.entry(row));
  }

  private entry(row: ArchivedNewsletter): ArchiveEntry {
    const rendered = renderForArchive(row, { managePage: this.links.managePage() });
    return {
      url: this.urlOf(row.id),
      subject: rendered.subject,
      // A sent newsletter has finished_at; updated_at only guards a row written before that was recorded.
      sentAt: row.finished_at ?? row.updated_at,
      html: rendered.html,
    };
  }

  private site(): ArchiveSite {
    const base = this.config.publicUrl;
    return {
      name: this.config.siteName,
      archiveUrl: `${base}/archive`,
      feedUrl: `${base}/archive/feed.xml`,
      subscribeUrl: this.links.managePage(),
    };
  }
}
