import { Checkbox, Group, Pagination, ScrollArea, Select, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Page } from '../lib/page';
import type { ListParams } from '../lib/use-list-params';
import { EmptyState } from './page-states';

export interface Column<T> {
  readonly key: string;
  readonly header: string;
  /** Server-side sort key, when the column can be sorted. */
  readonly sortKey?: string;
  /** Cell content. Text is rendered as text: React escapes it, so stored HTML never becomes markup. */
  readonly cell: (row: T) => ReactNode;
  readonly hiddenOnMobile?: boolean;
}

interface DataTableProps<T extends { id: number }, F extends string> {
  readonly caption: string;
  readonly page: Page<T>;
  readonly columns: readonly Column<T>[];
  readonly params: ListParams<F>;
  readonly onOpen?: (row: T) => void;
  readonly selected?: ReadonlySet<number>;
  readonly onSelect?: (ids: Set<number>) => void;
  readonly emptyTitle?: string;
}

const SIZES = ['10', '20', '50', '100'];

/** A server-paginated table whose page, size and sort live in the URL (ListParams). */
export function DataTable<T extends { id: number }, F extends string>({
  caption,
  page,
  columns,
  params,
  onOpen,
  selected,
  onSelect,
  emptyTitle = 'Nothing here yet',
}: DataTableProps<T, F>) {
  const pages = Math.max(1, Math.ceil(page.total / page.per_page), page.next_cursor ? page.page + 1 : 1);
  // A step to a neighbouring page follows the answer's cursor (as fast at page 5,000 as at page 1); a jump goes by
  // number.
  const goToPage = (target: number) => {
    if (target === page.page + 1 && page.next_cursor) params.goTo(target, page.next_cursor);
    else if (target === page.page - 1 && page.prev_cursor) params.goTo(target, page.prev_cursor);
    else params.setPage(target);
  };
  const ids = page.items.map((row) => row.id);
  const allSelected = !!selected && ids.length > 0 && ids.every((id) => selected.has(id));
  const toggleAll = () => onSelect?.(allSelected ? new Set() : new Set(ids));
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect?.(next);
  };

  if (page.items.length === 0)
    return <EmptyState title={emptyTitle}>Try other filters, or come back later.</EmptyState>;

  return (
    <>
      <ScrollArea type="auto">
        <Table striped highlightOnHover verticalSpacing="xs" miw={600}>
          <caption className="visually-hidden">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              {onSelect && (
                <Table.Th w={40}>
                  <Checkbox aria-label="Select all on this page" checked={allSelected} onChange={toggleAll} />
                </Table.Th>
              )}
              {columns.map((column) => (
                <Table.Th
                  key={column.key}
                  visibleFrom={column.hiddenOnMobile ? 'sm' : undefined}
                  aria-sort={
                    column.sortKey && column.sortKey === params.sortBy
                      ? params.sortOrder === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : undefined
                  }
                >
                  {column.sortKey ? (
                    <UnstyledButton onClick={() => params.setSort(column.sortKey!)} fw={600} fz="sm">
                      {column.header}
                      {column.sortKey === params.sortBy ? (params.sortOrder === 'asc' ? ' ▲' : ' ▼') : ''}
                    </UnstyledButton>
                  ) : (
                    column.header
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((row) => (
              <Table.Tr key={row.id}>
                {onSelect && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select row ${row.id}`}
                      checked={selected?.has(row.id) ?? false}
                      onChange={() => toggle(row.id)}
                    />
                  </Table.Td>
                )}
                {columns.map((column, index) => (
                  <Table.Td key={column.key} visibleFrom={column.hiddenOnMobile ? 'sm' : undefined}>
                    {index === 0 && onOpen ? (
                      <UnstyledButton onClick={() => onOpen(row)} c="blue" fz="sm" td="underline">
                        {column.cell(row)}
                      </UnstyledButton>
                    ) : (
                      column.cell(row)
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Group justify="space-between" mt="sm" wrap="wrap">
        <Text size="sm" c="dimmed">
          {page.total_exact ? '' : 'About '}
          {page.total.toLocaleString()} {page.total === 1 ? 'row' : 'rows'}
        </Text>
        <Group gap="xs">
          <Select
            aria-label="Rows per page"
            data={SIZES}
            value={String(params.perPage)}
            onChange={(value) => value && params.setPerPage(Number(value))}
            w={80}
            size="xs"
            allowDeselect={false}
          />
          <Pagination
            total={pages}
            value={Math.min(page.page, pages)}
            onChange={goToPage}
            size="sm"
            siblings={1}
            getItemProps={(item) => ({ 'aria-label': `Page ${item}` })}
            getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          />
        </Group>
      </Group>
    </>
  );
}
