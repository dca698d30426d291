import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useListParams } from './use-list-params';

function setup(path: string) {
  let location = '';
  const { result } = renderHook(
    () => {
      const current = useLocation();
      location = `${current.pathname}${current.search}`;
      return useListParams(['q', 'status'] as const, { sortBy: 'created_at', sortOrder: 'desc' });
    },
    {
      wrapper: ({ children }: { children: ReactNode }) => (
        <RouterProvider router={createMemoryRouter([{ path: '*', element: children }], { initialEntries: [path] })} />
      ),
    },
  );
  return { result, location: () => location };
}

describe('useListParams', () => {
  it('reads page, size, sort and filters from the URL, with defaults for what is missing or wrong', () => {
    const { result } = setup('/submissions?page=3&per_page=50&q=invoice&page_size=x');
    expect(result.current.query).toEqual({
      page: 3,
      per_page: 50,
      sort_by: 'created_at',
      sort_order: 'desc',
      q: 'invoice',
    });
    expect(setup('/submissions?page=-2&per_page=abc').result.current.query).toMatchObject({ page: 1, per_page: 20 });
  });

  it('a filter change goes back to page 1 and is written to the URL; sorting the same column flips the order', () => {
    const { result, location } = setup('/submissions?page=4');
    act(() => result.current.setFilters({ status: 'spam' }));
    expect(location()).toBe('/submissions?status=spam');
    act(() => result.current.setSort('name'));
    expect(result.current).toMatchObject({ sortBy: 'name', sortOrder: 'desc' });
    act(() => result.current.setSort('name'));
    expect(result.current).toMatchObject({ sortBy: 'name', sortOrder: 'asc' });
    act(() => result.current.setPage(2));
    expect(location()).toContain('page=2');
    act(() => result.current.setFilters({ status: '' }));
    expect(location()).not.toContain('status=');
    expect(location()).not.toContain('page=');
  });

  it('keeps a cursor in the URL and the query, and drops it on a jump, a sort, a size or a filter change', () => {
    const { result, location } = setup('/submissions?page=4');
    act(() => result.current.goTo(5, 'CURSOR5'));
    expect(location()).toContain('cursor=CURSOR5');
    expect(result.current.query).toMatchObject({ page: 5, cursor: 'CURSOR5' });
    act(() => result.current.setPage(9));
    expect(location()).not.toContain('cursor=');
    for (const change of [
      () => result.current.setSort('name'),
      () => result.current.setPerPage(50),
      () => result.current.setFilters({ q: 'x' }),
    ]) {
      act(() => result.current.goTo(2, 'C2'));
      expect(result.current.cursor).toBe('C2');
      act(change);
      expect(result.current.cursor).toBeUndefined();
    }
  });
});
