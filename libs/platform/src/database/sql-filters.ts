import type { DatabaseService } from './database.service';
import { containsPattern } from './sql-dialect';
import type { AnyTableSpec } from './table';

/** A WHERE clause being assembled from validated filters; values always go in as parameters. */
export class SqlFilter {
  private readonly clauses: string[] = [];
  readonly params: Record<string, unknown> = {};
  private fts: { readonly table: string; readonly content: string; readonly columns: readonly string[] } | undefined;

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
   * of three characters or more goes through the table's FTS5 trigram index (`indexed.searchIndex`, see the
   * AdminAtScale migration) for the rows SearchIndexer has indexed, and a LIKE scan of the few newer rows above its
   * mark; PostgreSQL's ILIKE uses its pg_trgm indexes by itself.
   */
  search(columns: readonly string[], text: string | undefined, indexed?: AnyTableSpec): this {
    if (text === undefined || text.trim() === '') return this;
    const fts = indexed?.searchIndex?.name;
    if (fts !== undefined && this.db.dialect === 'sqlite' && [...text.trim()].length >= 3) {
      this.fts = { table: fts, content: indexed!.name, columns };
      this.params.q = `"${text.trim().replace(/"/g, '""')}"`;
      this.params.qLike = containsPattern(text);
      return this;
    }
    this.clauses.push(this.db.sql.contains(columns, 'q'));
    this.params.q = containsPattern(text);
    return this;
  }

  /**
   * The filtered rows of `table` in id order, a batch at a time (exports): memory stays flat and every batch costs
   * about the same. Rows are read by keyset (`id > last`), never by OFFSET. With a full-text search on SQLite the
   * matching ids are read once, in one pass over the index, and the rows fetched by id: repeating the match for
   * every batch (even bounded by rowid, since FTS5 reads each term's whole list per query) made a broad export
   * quadratic.
   */
  async *batches<T extends object>(
    table: string,
    order: 'asc' | 'desc',
    size: number,
    columns = '*',
  ): AsyncGenerator<T[]> {
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const others = this.clauses.length > 0 ? ` AND ${this.clauses.join(' AND ')}` : '';
    if (this.fts) {
      const { table: fts, columns: searched } = this.fts;
      // One mark for both reads: the index holds exactly the rows up to it, the tail scan the rows above it.
      const [state] = await this.db.query<{ indexed_up_to: number }>(
        'SELECT indexed_up_to FROM search_index_state WHERE index_name = :fts',
        { fts },
      );
      const mark = Number(state?.indexed_up_to ?? 0);
      const indexed = (
        await this.db.query<{ id: number }>(
          `SELECT rowid AS id FROM ${fts} WHERE ${fts} MATCH :q AND rowid <= :mark ORDER BY rowid ${direction}`,
          { q: this.params.q, mark },
        )
      ).map((row) => row.id);
      const tail = (
        await this.db.query<{ id: number }>(
          `SELECT id FROM ${table} WHERE id > :mark AND ${this.db.sql.contains(searched, 'qLike')} ORDER BY id ${direction}`,
          { qLike: this.params.qLike, mark },
        )
      ).map((row) => row.id);
      const ids = order === 'asc' ? [...indexed, ...tail] : [...tail, ...indexed];
      for (let start = 0; start < ids.length; start += size) {
        const rows = await this.db.query<T>(
          `SELECT ${columns} FROM ${table} WHERE id IN (:...ids)${others} ORDER BY id ${direction}`,
          { ...this.params, ids: ids.slice(start, start + size) },
        );
        if (rows.length > 0) yield rows;
      }
      return;
    }
    const op = order === 'asc' ? '>' : '<';
    for (let keyset = order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER; ;) {
      const rows = await this.db.query<T & { id: number }>(
        `SELECT ${columns} FROM ${table} WHERE id ${op} :keyset${others} ORDER BY id ${direction} LIMIT :size`,
        { ...this.params, keyset, size },
      );
      if (rows.length > 0) yield rows;
      if (rows.length < size) return;
      keyset = rows[rows.length - 1].id;
    }
  }

  and(clause: string, params: Record<string, unknown>): this {
    this.clauses.push(clause);
    Object.assign(this.params, params);
    return this;
  }

  get where(): string {
    const clauses = [...this.clauses];
    if (this.fts) {
      const { table: fts, content, columns } = this.fts;
      const mark = `(SELECT indexed_up_to FROM search_index_state WHERE index_name = '${fts}')`;
      // One IN over both sources: SQLite then reads the matching ids once and fetches those rows by id. Written as
      // `IN (index) OR (tail)`, it scanned the whole table in sort order testing each row (0.7 s at a million rows).
      clauses.push(
        `id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH :q
                UNION ALL SELECT id FROM ${content} WHERE id > ${mark} AND ${this.db.sql.contains(columns, 'qLike')})`,
      );
    }
    return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  }
}

/** A timestamp as the API answers it (both databases read timestamps back as Dates). */
export function isoTimestamp(value: Date): string {
  return value.toISOString();
}

export function isoTimestampOrNull(value: Date | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toISOString();
}
