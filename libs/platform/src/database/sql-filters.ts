import { containsPattern } from './sql-dialect';
import type { AnyTableSpec } from './table';
import { EXACT_COUNT_LIMIT, type DatabaseService } from './database.service';

/** How common a character is in names, addresses and messages, from digits (rare) to vowels and separators. */
const RARE = /[0-9]/;
const UNCOMMON = /[qzxjkvbpygfw]/;
const MIDDLING = /[mucdlhr]/;
const commonnessOf = (char: string) =>
  RARE.test(char)
    ? 1
    : UNCOMMON.test(char)
      ? 2
      : MIDDLING.test(char)
        ? 3
        : /[a-z]/.test(char)
          ? 4
          : /\p{L}/u.test(char)
            ? 2
            : 5;
/** A trigram's guessed commonness: the sum of its characters'. Counting each trigram's rows costs more than it saves. */
const commonness = (trigram: string) => [...trigram].reduce((sum, char) => sum + commonnessOf(char), 0);

/** A WHERE clause being assembled from validated filters; values always go in as parameters. */
export class SqlFilter {
  private readonly clauses: string[] = [];
  readonly params: Record<string, unknown> = {};
  private pendingSearch:
    | { readonly fts: string; readonly content: string; readonly columns: readonly string[]; readonly text: string }
    | undefined;
  private broad = false;

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
   * Case-insensitive substring search over columns, with LIKE wildcards in the text matched literally. PostgreSQL's
   * ILIKE uses its pg_trgm indexes by itself. On SQLite, text of three characters or more is narrowed through the
   * table's FTS5 trigram index (`indexed.searchIndex`) when resolve() runs: see there.
   */
  search(columns: readonly string[], text: string | undefined, indexed?: AnyTableSpec): this {
    if (text === undefined || text.trim() === '') return this;
    const fts = indexed?.searchIndex?.name;
    this.params.qLike = containsPattern(text);
    if (fts !== undefined && this.db.dialect === 'sqlite' && [...text.trim()].length >= 3) {
      this.pendingSearch = { fts, content: indexed!.name, columns, text: text.trim() };
      return this;
    }
    this.clauses.push(this.db.sql.contains(columns, 'qLike'));
    return this;
  }

  /**
   * Settles an indexed search on SQLite. A phrase query over a million rows costs as much as reading the posting
   * lists of its commonest trigrams (50 ms for "Message 4242 about"), so first the rows holding the text's three
   * likely rarest trigrams (digits and uncommon letters) are read from the index: a superset of the matches, cheap
   * because those lists are short. Up to EXACT_COUNT_LIMIT of them become an id list, tested with the same LIKE as
   * the rows above the indexer's mark (not indexed yet), so matches are exact and counts too. When the guess was
   * wrong the whole phrase is matched instead. More matches than that means the text is common: the LIKE alone then
   * finds a page quickly in sort order, and the total is estimated (`broad`).
   */
  async resolve(): Promise<this> {
    const pending = this.pendingSearch;
    if (!pending) return this;
    this.pendingSearch = undefined;
    const like = this.db.sql.contains(pending.columns, 'qLike');
    const candidates = await this.candidates(pending.fts, pending.text);
    if (candidates === undefined) {
      this.broad = true;
      this.clauses.push(like);
      return this;
    }
    const [state] = await this.db.query<{ indexed_up_to: number }>(
      'SELECT indexed_up_to FROM search_index_state WHERE index_name = :fts',
      { fts: pending.fts },
    );
    this.params.searchIds = JSON.stringify(candidates);
    this.params.searchMark = Number(state?.indexed_up_to ?? 0);
    // One IN over both sets, so SQLite fetches these rows by id (with an OR it may scan the table in sort order).
    this.clauses.push(
      `id IN (SELECT value FROM json_each(:searchIds) UNION ALL SELECT id FROM ${pending.content} WHERE id > :searchMark)`,
      like,
    );
    return this;
  }

  /** After resolve(): the text is so common that the total is an estimate rather than a count. */
  get isBroad(): boolean {
    return this.broad;
  }

  private async candidates(fts: string, text: string): Promise<number[] | undefined> {
    const chars = [...text.toLowerCase()];
    const trigrams = [...new Set(chars.slice(2).map((_, i) => chars.slice(i, i + 3).join('')))];
    const phrase = (words: string) => `"${words.replace(/"/g, '""')}"`;
    const matching = async (match: string) =>
      (
        await this.db.query<{ id: number }>(
          `SELECT rowid AS id FROM ${fts} WHERE ${fts} MATCH :match LIMIT ${EXACT_COUNT_LIMIT + 1}`,
          { match },
        )
      ).map((row) => row.id);
    const likelyRarest = trigrams.sort((a, b) => commonness(a) - commonness(b)).slice(0, 3);
    const narrowed = await matching(likelyRarest.map(phrase).join(' AND '));
    if (narrowed.length <= EXACT_COUNT_LIMIT) return narrowed;
    // Those trigrams were common after all: the whole phrase costs more to match, but may still be narrow.
    const matched = await matching(phrase(text));
    return matched.length <= EXACT_COUNT_LIMIT ? matched : undefined;
  }

  /**
   * The filtered rows of `table` in id order, a batch at a time (exports): memory stays flat and every batch costs
   * about the same. Rows are read by keyset (`id > last`), never by OFFSET.
   */
  async *batches<T extends object>(
    table: string,
    order: 'asc' | 'desc',
    size: number,
    columns = '*',
  ): AsyncGenerator<T[]> {
    await this.resolve();
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const others = this.clauses.length > 0 ? ` AND ${this.clauses.join(' AND ')}` : '';
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

  /** The WHERE clause (resolve() first when the filter has a search). */
  get where(): string {
    if (this.pendingSearch) throw new Error('SqlFilter.resolve() must run before the WHERE clause is read');
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
