import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PollingLoop } from '../mail/polling-loop';
import { DatabaseService } from './database.service';
import { registeredTables, type AnyTableSpec } from './table';

/** Rows indexed per transaction: big enough that a busy minute costs a few dozen short writes. */
export const SEARCH_INDEX_BATCH = 500;
/** How often the indexer looks for new rows: a row is searchable at once anyway (the tail scan finds it). */
const SEARCH_INDEX_INTERVAL_MS = 250;

/**
 * Fills SQLite's FTS5 search indexes in the background, so an insert never waits for trigram indexing. Each round
 * indexes, per table, the rows above its `search_index_state` mark and moves the mark, in one transaction; until then
 * SqlFilter.search finds those rows by scanning the tail above the mark. Several processes sharing one database may
 * all run it: SQLite's write lock makes them take turns. PostgreSQL keeps its trigram indexes itself.
 */
@Injectable()
export class SearchIndexer extends PollingLoop {
  protected readonly logger = new Logger(SearchIndexer.name);

  constructor(
    config: AppConfig,
    private readonly db: DatabaseService,
  ) {
    super(config.database.type === 'sqlite' && config.outbox.embeddedDispatcher);
  }

  override enableAutoStart(): void {
    if (this.db.dialect === 'sqlite') super.enableAutoStart();
  }

  /** One round over every search index; a full batch means more is waiting, so the loop goes again at once. */
  async tick(): Promise<number> {
    if (this.db.dialect !== 'sqlite') return 0;
    let full = 0;
    for (const table of registeredTables('sqlite')) {
      if (table.searchIndex && (await this.indexBatch(table)) === SEARCH_INDEX_BATCH) full += 1;
    }
    return full;
  }

  /** Indexes everything waiting (tests and the command line, which do not run the loop). */
  async catchUp(): Promise<void> {
    if (this.db.dialect !== 'sqlite') return;
    for (const table of registeredTables('sqlite'))
      if (table.searchIndex) while ((await this.indexBatch(table)) === SEARCH_INDEX_BATCH);
  }

  protected idleDelayMs(): number {
    return SEARCH_INDEX_INTERVAL_MS;
  }

  /** True when rows above the mark exist; a read outside any transaction, so an idle round takes no write lock. */
  private async behind(table: AnyTableSpec): Promise<boolean> {
    const [row] = await this.db.query<{ mark: number | null; top: number | null }>(
      `SELECT (SELECT indexed_up_to FROM search_index_state WHERE index_name = :name) AS mark,
              (SELECT MAX(id) FROM ${table.name}) AS top`,
      { name: table.searchIndex!.name },
    );
    return row?.top !== null && row?.top !== undefined && Number(row.top) > Number(row.mark ?? 0);
  }

  private async indexBatch(table: AnyTableSpec): Promise<number> {
    if (!(await this.behind(table))) return 0;
    const { name, columns } = table.searchIndex!;
    const list = columns.join(', ');
    return this.db.transaction(async (tx) => {
      const [state] = await tx.query<{ indexed_up_to: number }>(
        'SELECT indexed_up_to FROM search_index_state WHERE index_name = :name',
        { name },
      );
      const from = Number(state?.indexed_up_to ?? 0);
      const [batch] = await tx.query<{ up_to: number | null; n: number }>(
        `SELECT MAX(id) AS up_to, COUNT(*) AS n FROM (SELECT id FROM ${table.name} WHERE id > :from ORDER BY id LIMIT :size)`,
        { from, size: SEARCH_INDEX_BATCH },
      );
      if (!batch || batch.up_to === null) return 0;
      await tx.query(
        `INSERT INTO ${name} (rowid, ${list}) SELECT id, ${list} FROM ${table.name} WHERE id > :from AND id <= :upTo`,
        { from, upTo: batch.up_to },
      );
      await tx.query(
        `INSERT INTO search_index_state (index_name, indexed_up_to) VALUES (:name, :upTo)
         ON CONFLICT (index_name) DO UPDATE SET indexed_up_to = excluded.indexed_up_to`,
        { name, upTo: batch.up_to },
      );
      return Number(batch.n);
    });
  }
}
