import { column, defineTable } from '../table';

/** How far the background indexer has filled one SQLite search index: rows with a higher id are not in it yet. */
export interface SearchIndexState {
  index_name: string;
  indexed_up_to: number;
}

export const SEARCH_INDEX_STATE = defineTable<SearchIndexState>({
  name: 'search_index_state',
  only: 'sqlite',
  columns: {
    index_name: column.varchar(64, { primary: true }),
    indexed_up_to: column.integer(),
  },
  primaryKeyName: 'pk_search_index_state',
});
