import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SortOrder = 'asc' | 'desc';

export interface ListDefaults {
  readonly sortBy: string;
  readonly sortOrder: SortOrder;
  readonly perPage?: number;
}

export interface ListParams<F extends string> {
  readonly page: number;
  readonly perPage: number;
  readonly sortBy: string;
  readonly sortOrder: SortOrder;
  readonly filters: Readonly<Record<F, string>>;
  /** A neighbouring page's cursor from the last answer: the server finds that page through its index. */
  readonly cursor: string | undefined;
  /** What the list endpoint takes: page, per_page, sort_by, sort_order, cursor and every non-empty filter. */
  readonly query: Record<string, string | number>;
  /** A page by number (a jump: the server counts its way there). */
  setPage: (page: number) => void;
  /** The page next to the one shown, by the cursor its answer gave (page is its number, for the URL and pager). */
  goTo: (page: number, cursor: string) => void;
  setPerPage: (perPage: number) => void;
  setSort: (sortBy: string) => void;
  /** Changing a filter goes back to page 1 (the old page may not exist any more). */
  setFilters: (changes: Partial<Record<F, string>>) => void;
}

const positive = (value: string | null, fallback: number) => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/**
 * A table's state (page, size, sort, filters) kept in the URL, so a filtered view can be bookmarked, shared, and
 * survives reloads and the back button.
 */
export function useListParams<F extends string>(filterKeys: readonly F[], defaults: ListDefaults): ListParams<F> {
  const [search, setSearch] = useSearchParams();
  const page = positive(search.get('page'), 1);
  const perPage = positive(search.get('per_page'), defaults.perPage ?? 20);
  const sortBy = search.get('sort_by') ?? defaults.sortBy;
  const sortOrder: SortOrder =
    search.get('sort_order') === 'asc' ? 'asc' : search.get('sort_order') === 'desc' ? 'desc' : defaults.sortOrder;
  const cursor = search.get('cursor') ?? undefined;
  const filterValues = filterKeys.map((key) => search.get(key) ?? '').join('\u0000');

  const filters = useMemo(
    () =>
      Object.fromEntries(filterKeys.map((key, i) => [key, filterValues.split('\u0000')[i] ?? ''])) as Record<F, string>,
    // filterKeys is a constant array per table
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterValues],
  );

  const update = useCallback(
    (changes: Record<string, string | number | undefined>) =>
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: false },
      ),
    [setSearch],
  );

  const query = useMemo(() => {
    const result: Record<string, string | number> = { page, per_page: perPage, sort_by: sortBy, sort_order: sortOrder };
    if (cursor) result.cursor = cursor;
    for (const [key, value] of Object.entries(filters)) if (value) result[key] = value as string;
    return result;
  }, [page, perPage, sortBy, sortOrder, cursor, filters]);

  return {
    page,
    perPage,
    sortBy,
    sortOrder,
    filters,
    cursor,
    query,
    setPage: (next) => update({ page: next === 1 ? undefined : next, cursor: undefined }),
    goTo: (next, nextCursor) => update({ page: next === 1 ? undefined : next, cursor: nextCursor }),
    setPerPage: (next) => update({ per_page: next, page: undefined, cursor: undefined }),
    setSort: (column) =>
      update({
        sort_by: column,
        sort_order: column === sortBy && sortOrder === 'desc' ? 'asc' : 'desc',
        page: undefined,
        cursor: undefined,
      }),
    setFilters: (changes) => update({ ...changes, page: undefined, cursor: undefined }),
  };
}
