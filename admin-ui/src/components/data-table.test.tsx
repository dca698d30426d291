import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ListParams } from '../lib/use-list-params';
import { Providers } from '../test/render';
import { DataTable, type Column } from './data-table';

interface Row {
  id: number;
  name: string;
}
const columns: Column<Row>[] = [{ key: 'name', header: 'Name', sortKey: 'name', cell: (row) => row.name }];

function params(overrides: Partial<ListParams<never>> = {}): ListParams<never> {
  return {
    page: 1,
    perPage: 20,
    sortBy: 'created_at',
    sortOrder: 'desc',
    filters: {},
    cursor: undefined,
    query: {},
    setPage: vi.fn(),
    goTo: vi.fn(),
    setPerPage: vi.fn(),
    setSort: vi.fn(),
    setFilters: vi.fn(),
    ...overrides,
  };
}

const page = (
  items: Row[],
  total = items.length,
  cursors: Partial<Record<'next_cursor' | 'prev_cursor', string>> = {},
) => ({
  items,
  total,
  total_exact: true,
  page: 1,
  per_page: 20,
  next_cursor: null,
  prev_cursor: null,
  ...cursors,
});

describe('DataTable', () => {
  it('shows stored markup as text: no element is created from it', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { container } = render(
      <Providers>
        <DataTable caption="People" page={page([{ id: 1, name: evil }])} columns={columns} params={params()} />
      </Providers>,
    );
    expect(screen.getByText(evil)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('sorts by a column on click, marks the sorted column for screen readers, and pages', async () => {
    const list = params({ sortBy: 'name', sortOrder: 'asc' });
    render(
      <Providers>
        <DataTable caption="People" page={page([{ id: 1, name: 'Ada' }], 45)} columns={columns} params={list} />
      </Providers>,
    );
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(list.setSort).toHaveBeenCalledWith('name');
    expect(screen.getByText('45 rows')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Page 3' }));
    expect(list.setPage).toHaveBeenCalledWith(3);
  });

  it('steps to the next and previous page by the cursors of the answer, and jumps by number', async () => {
    const list = params({ page: 2 });
    render(
      <Providers>
        <DataTable
          caption="People"
          page={{ ...page([{ id: 1, name: 'Ada' }], 95, { next_cursor: 'NEXT', prev_cursor: 'PREV' }), page: 2 }}
          columns={columns}
          params={list}
        />
      </Providers>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'next page' }));
    expect(list.goTo).toHaveBeenCalledWith(3, 'NEXT');
    await userEvent.click(screen.getByRole('button', { name: 'previous page' }));
    expect(list.goTo).toHaveBeenCalledWith(1, 'PREV');
    await userEvent.click(screen.getByRole('button', { name: 'Page 5' }));
    expect(list.setPage).toHaveBeenCalledWith(5);
  });

  it('says so when there is nothing to show, and "about" when the total is an estimate', () => {
    const { rerender } = render(
      <Providers>
        <DataTable caption="People" page={page([])} columns={columns} params={params()} emptyTitle="No people" />
      </Providers>,
    );
    expect(screen.getByText('No people')).toBeInTheDocument();
    rerender(
      <Providers>
        <DataTable
          caption="People"
          page={{ ...page([{ id: 1, name: 'Ada' }], 25_000), total_exact: false }}
          columns={columns}
          params={params()}
        />
      </Providers>,
    );
    expect(screen.getByText(/About 25,000 rows/)).toBeInTheDocument();
  });
});
