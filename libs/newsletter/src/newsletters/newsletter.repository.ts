import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService, SqlFilter } from '@mailroom/platform';
import type { NewsletterListQueryDto } from './dto/newsletter-list-query.dto';

export const NEWSLETTER_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;
export type NewsletterStatus = (typeof NEWSLETTER_STATUSES)[number];

export interface NewsletterRow {
  id: number;
  subject: string;
  preheader: string | null;
  body: string;
  format: 'markdown' | 'html';
  status: NewsletterStatus;
  send_at: string | Date | null;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  audience_count: number;
  failure_reason: string | null;
  created_by: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

export type NewsletterChanges = Partial<
  Pick<NewsletterRow, 'subject' | 'preheader' | 'body' | 'format' | 'status' | 'audience_count' | 'failure_reason'> & {
    send_at: Date | null;
    started_at: Date | null;
    finished_at: Date | null;
  }
>;

const newsletterFrom = (row: Record<string, unknown>): NewsletterRow => ({
  ...(row as unknown as NewsletterRow),
  id: Number(row.id),
  audience_count: Number(row.audience_count ?? 0),
});

/** Every query on `newsletters`. Status changes are conditional updates, so two admins cannot both win a race. */
@Injectable()
export class NewsletterRepository {
  constructor(private readonly db: DatabaseService) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(values: {
    subject: string;
    preheader: string | null;
    body: string;
    format: 'markdown' | 'html';
    createdBy: string;
  }): Promise<number> {
    const now = this.db.timestamp(new Date());
    const [row] = await this.db.execute(
      `INSERT INTO newsletters (subject, preheader, body, format, status, created_by, created_at, updated_at)
       VALUES (:subject, :preheader, :body, :format, 'draft', :createdBy, :now, :now) RETURNING id`,
      { ...values, now },
    );
    return Number(row.id);
  }

  async findById(id: number, m?: EntityManager): Promise<NewsletterRow | undefined> {
    const lock = m && this.db.dialect === 'postgres' ? 'FOR UPDATE' : '';
    const [row] = await this.db.query(`SELECT * FROM newsletters WHERE id = :id ${lock}`, { id }, m);
    return row ? newsletterFrom(row) : undefined;
  }

  /** Applies changes only while the newsletter is in one of `from`; returns whether it was. */
  async update(
    id: number,
    from: readonly NewsletterStatus[],
    changes: NewsletterChanges,
    m?: EntityManager,
  ): Promise<boolean> {
    const params: Record<string, unknown> = { id, from: [...from], updated_at: this.db.timestamp(new Date()) };
    for (const [column, value] of Object.entries(changes)) {
      params[column] = value instanceof Date ? this.db.timestamp(value) : value;
    }
    const assignments = Object.keys(params)
      .filter((column) => column !== 'id' && column !== 'from')
      .map((column) => `${column} = :${column}`);
    const sql = `UPDATE newsletters SET ${assignments.join(', ')} WHERE id = :id AND status IN (:...from) RETURNING id`;
    const rows = m ? await this.db.query(sql, params, m) : await this.db.execute(sql, params);
    return rows.length > 0;
  }

  async delete(id: number, from: readonly NewsletterStatus[]): Promise<boolean> {
    const rows = await this.db.execute('DELETE FROM newsletters WHERE id = :id AND status IN (:...from) RETURNING id', {
      id,
      from: [...from],
    });
    return rows.length > 0;
  }

  async list(query: NewsletterListQueryDto): Promise<{ rows: NewsletterRow[]; total: number; exact: boolean }> {
    const { where, params } = new SqlFilter(this.db)
      .equals('status', query.status)
      .dateRange('created_at', query.date_from, query.date_to)
      .search(['subject'], query.q);
    const direction = query.sort_order === 'asc' ? 'ASC' : 'DESC';
    const [rows, { total, exact }] = await Promise.all([
      this.db.query(
        `SELECT * FROM newsletters ${where} ORDER BY ${query.sort_by} ${direction}, id ${direction} LIMIT :limit OFFSET :offset`,
        { ...params, limit: query.per_page, offset: (query.page - 1) * query.per_page },
      ),
      this.db.countMatching('newsletters', where, params),
    ]);
    return { rows: rows.map(newsletterFrom), total, exact };
  }

  /** Scheduled newsletters whose time has come (the caller starts them). */
  async dueScheduled(now: Date): Promise<NewsletterRow[]> {
    const rows = await this.db.query(
      "SELECT * FROM newsletters WHERE status = 'scheduled' AND send_at <= :now ORDER BY send_at, id",
      { now: this.db.timestamp(now) },
    );
    return rows.map(newsletterFrom);
  }

  /** Newsletters still marked sending: the worker checks whether each has finished. */
  async sendingIds(): Promise<number[]> {
    const rows = await this.db.query("SELECT id FROM newsletters WHERE status = 'sending'");
    return rows.map((row) => Number(row.id));
  }
}
