import { Injectable } from '@nestjs/common';
import { DatabaseService, SqlFilter, listPage, type ListedRows, type Tx } from '@mailroom/platform';
import type { NewsletterListQueryDto } from './dto/newsletter-list-query.dto';
import { NEWSLETTERS, type Newsletter, type NewsletterStatus } from './entities/newsletter.entity';

export { NEWSLETTER_STATUSES, type NewsletterStatus } from './entities/newsletter.entity';

/** A newsletter row is the entity. */
export type NewsletterRow = Newsletter;

export type NewsletterChanges = Partial<
  Pick<
    NewsletterRow,
    | 'subject'
    | 'preheader'
    | 'body'
    | 'format'
    | 'status'
    | 'audience_count'
    | 'failure_reason'
    | 'template_id'
    | 'audience_filter'
  > & {
    send_at: Date | null;
    started_at: Date | null;
    finished_at: Date | null;
  }
>;

/** What the public archive shows of a newsletter: its content and when it went out, nothing about its send. */
export type ArchivedNewsletter = Pick<
  NewsletterRow,
  'id' | 'subject' | 'preheader' | 'body' | 'format' | 'finished_at' | 'updated_at'
>;

/** Only newsletters an admin put in the archive, and only once they were sent. */
const IN_ARCHIVE = "in_archive = :yes AND status = 'sent'";

/** Every query on `newsletters`. Status changes are conditional updates, so two admins cannot both win a race. */
@Injectable()
export class NewsletterRepository {
  constructor(private readonly db: DatabaseService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(values: {
    subject: string;
    preheader: string | null;
    body: string;
    format: 'markdown' | 'html';
    templateId: number | null;
    audienceFilter: string | null;
    createdBy: string;
  }): Promise<number> {
    const now = new Date();
    const [row] = await this.db.write<{ id: number }>(
      `INSERT INTO newsletters (subject, preheader, body, format, template_id, audience_filter, status, created_by,
         created_at, updated_at)
       VALUES (:subject, :preheader, :body, :format, :templateId, :audienceFilter, 'draft', :createdBy, :now, :now)
       RETURNING id`,
      { ...values, now },
    );
    return row.id;
  }

  async findById(id: number): Promise<NewsletterRow | undefined> {
    const [row] = await this.db.query<NewsletterRow>('SELECT * FROM newsletters WHERE id = :id', { id });
    return row;
  }

  /** The newsletter, locked until the transaction ends (status changes that depend on it wait). */
  async lock(tx: Tx, id: number): Promise<NewsletterRow | undefined> {
    const [row] = await tx.query<NewsletterRow>(`SELECT * FROM newsletters WHERE id = :id ${this.db.sql.forUpdate()}`, {
      id,
    });
    return row;
  }

  /** Applies changes only while the newsletter is in one of `from`; returns whether it was. */
  async update(id: number, from: readonly NewsletterStatus[], changes: NewsletterChanges, tx?: Tx): Promise<boolean> {
    const params: Record<string, unknown> = { id, from: [...from], updated_at: new Date(), ...changes };
    const assignments = Object.keys(params)
      .filter((column) => column !== 'id' && column !== 'from')
      .map((column) => `${column} = :${column}`);
    const sql = `UPDATE newsletters SET ${assignments.join(', ')} WHERE id = :id AND status IN (:...from) RETURNING id`;
    const rows = tx ? await tx.query(sql, params) : await this.db.write(sql, params);
    return rows.length > 0;
  }

  async delete(id: number, from: readonly NewsletterStatus[]): Promise<boolean> {
    const rows = await this.db.write('DELETE FROM newsletters WHERE id = :id AND status IN (:...from) RETURNING id', {
      id,
      from: [...from],
    });
    return rows.length > 0;
  }

  list(query: NewsletterListQueryDto): Promise<ListedRows<NewsletterRow>> {
    const filter = new SqlFilter(this.db)
      .equals('status', query.status)
      .dateRange('created_at', query.date_from, query.date_to)
      .search(['subject'], query.q);
    return listPage<NewsletterRow>(this.db, NEWSLETTERS, '*', filter, query);
  }

  /** Shows or hides a newsletter in the public archive (at any status: it appears there once sent). */
  async setInArchive(id: number, inArchive: boolean): Promise<boolean> {
    const rows = await this.db.write(
      'UPDATE newsletters SET in_archive = :inArchive, updated_at = :now WHERE id = :id RETURNING id',
      { id, inArchive, now: new Date() },
    );
    return rows.length > 0;
  }

  /** The archive, newest first. */
  async archived(limit: number): Promise<ArchivedNewsletter[]> {
    return this.db.query<ArchivedNewsletter>(
      `SELECT id, subject, preheader, body, format, finished_at, updated_at FROM newsletters
        WHERE ${IN_ARCHIVE} ORDER BY finished_at DESC, id DESC LIMIT :limit`,
      { yes: true, limit },
    );
  }

  async findArchived(id: number): Promise<ArchivedNewsletter | undefined> {
    const [row] = await this.db.query<ArchivedNewsletter>(
      `SELECT id, subject, preheader, body, format, finished_at, updated_at FROM newsletters
        WHERE id = :id AND ${IN_ARCHIVE}`,
      { id, yes: true },
    );
    return row;
  }

  /** Scheduled newsletters whose time has come (the caller starts them). */
  async dueScheduled(now: Date): Promise<NewsletterRow[]> {
    return this.db.query<NewsletterRow>(
      "SELECT * FROM newsletters WHERE status = 'scheduled' AND send_at <= :now ORDER BY send_at, id",
      { now },
    );
  }

  /** Newsletters still marked sending: the worker checks whether each has finished. */
  async sendingIds(): Promise<number[]> {
    const rows = await this.db.query<{ id: number }>("SELECT id FROM newsletters WHERE status = 'sending'");
    return rows.map((row) => row.id);
  }
}
