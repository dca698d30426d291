import type { DatabaseService } from './database.service';
import { containsPattern } from './sql-dialect';

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

  /** Inclusive bounds (the DTO already widened a bare `to` day to its end). */
  dateRange(column: string, from: Date | undefined, to: Date | undefined): this {
    if (from !== undefined) {
      this.clauses.push(`${column} >= :dateFrom`);
      this.params.dateFrom = from;
    }
    if (to !== undefined) {
      this.clauses.push(`${column} <= :dateTo`);
      this.params.dateTo = to;
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
    this.clauses.push(this.db.sql.contains(columns, 'q'));
    this.params.q = containsPattern(text);
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

/** A timestamp as the API answers it (both databases read timestamps back as Dates). */
export function isoTimestamp(value: Date): string {
  return value.toISOString();
}

export function isoTimestampOrNull(value: Date | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toISOString();
}
