import type { DatabaseService } from './database.service';

/** A WHERE clause being assembled from validated filters; values always go in as parameters. */
export class SqlFilter {
  private readonly clauses: string[] = [];
  readonly params: Record<string, unknown> = {};

  constructor(private readonly db: DatabaseService) {}

  equals(column: string, value: unknown): this {
    if (value !== undefined) {
      this.clauses.push(`${column} = :${column}`);
      this.params[column] = value;
    }
    return this;
  }

  /** ISO 8601 bounds, inclusive; a bare `to` date means the end of that day. */
  dateRange(column: string, from: string | undefined, to: string | undefined): this {
    if (from !== undefined) {
      this.clauses.push(`${column} >= :dateFrom`);
      this.params.dateFrom = this.db.timestamp(new Date(from));
    }
    if (to !== undefined) {
      const end = /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(`${to}T23:59:59.999Z`) : new Date(to);
      this.clauses.push(`${column} <= :dateTo`);
      this.params.dateTo = this.db.timestamp(end);
    }
    return this;
  }

  /**
   * Case-insensitive substring search over columns, with LIKE wildcards in the text matched literally. On SQLite, text
   * of three characters or more goes through the table's FTS5 trigram index (`ftsTable`, see the AdminAtScale
   * migration); PostgreSQL's ILIKE uses its pg_trgm indexes by itself.
   */
  search(columns: readonly string[], text: string | undefined, ftsTable?: string): this {
    if (text === undefined || text.trim() === '') return this;
    if (ftsTable !== undefined && this.db.dialect === 'sqlite' && [...text.trim()].length >= 3) {
      this.clauses.push(`id IN (SELECT rowid FROM ${ftsTable} WHERE ${ftsTable} MATCH :q)`);
      this.params.q = `"${text.trim().replace(/"/g, '""')}"`;
      return this;
    }
    const like = this.db.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
    this.clauses.push(`(${columns.map((column) => `${column} ${like} :q ESCAPE '\\'`).join(' OR ')})`);
    this.params.q = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this;
  }

  and(clause: string, params: Record<string, unknown>): this {
    this.clauses.push(clause);
    Object.assign(this.params, params);
    return this;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** A timestamp as read back from either database (Date from PostgreSQL, UTC text from SQLite), as ISO 8601. */
const SQLITE_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

export function isoTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  // The shape SQLite stores (see DatabaseService.timestamp): rewritten without a Date, as exports do it a million times.
  if (typeof value === 'string' && SQLITE_TIMESTAMP.test(value)) return `${value.slice(0, 10)}T${value.slice(11)}Z`;
  return new Date(`${typeof value === 'string' ? value.replace(' ', 'T') : ''}Z`).toISOString();
}

export function isoTimestampOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : isoTimestamp(value);
}
