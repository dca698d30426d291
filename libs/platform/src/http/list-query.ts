import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ListedRows } from '../database/keyset';
import { IsRangeEnd, IsRangeStart } from './dates';
import { SINGLE_LINE } from './validators';

/** Deeper pages would be offset scans over most of a big table; filters or the export reach further. */
export const MAX_PAGE = 10_000;

/** The seed's list parameters, shared by every admin list: page, per_page (max 100), sort_order, date range. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(MAX_PAGE, { message: `must be at most ${MAX_PAGE}; narrow the filters or use the export` })
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(100, { message: 'must be at most 100' })
  per_page: number = 20;

  @ApiPropertyOptional({
    description:
      "A page's `next_cursor` or `prev_cursor`: that neighbouring page, found through the sort index however deep " +
      'it is (page numbers read past every earlier row). It belongs to its sort; with it, `page` is ignored.',
  })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(512, { message: 'is not a cursor this list gave out' })
  cursor?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'must be asc or desc' })
  sort_order: 'asc' | 'desc' = 'desc';

  @ApiPropertyOptional({ type: String, description: 'RFC 3339 date or date-time with a zone; inclusive.' })
  @IsOptional()
  @IsRangeStart()
  date_from?: Date;

  @ApiPropertyOptional({
    type: String,
    description: 'RFC 3339 date or date-time with a zone; a bare date includes that whole day.',
  })
  @IsOptional()
  @IsRangeEnd()
  date_to?: Date;

  @ApiPropertyOptional({ description: 'Text search.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  @Matches(SINGLE_LINE, { message: 'must not contain control characters' })
  q?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  /** False when `total` is PostgreSQL's estimate (more than 10,000 matches); the items are always exact. */
  readonly total_exact: boolean;
  readonly page: number;
  readonly per_page: number;
  /** The following page (keyset), null on the last one. */
  readonly next_cursor: string | null;
  /** The page before, null on the first one. */
  readonly prev_cursor: string | null;
}

/** A page of a list as every admin list answers it (`listed` from listPage: count, page number, cursors). */
export function pageOf<T>(
  items: T[],
  listed: Omit<ListedRows<unknown>, 'rows'>,
  query: { readonly per_page: number },
): Page<T> {
  return {
    items,
    total: listed.total,
    total_exact: listed.exact,
    page: listed.page,
    per_page: query.per_page,
    next_cursor: listed.next_cursor,
    prev_cursor: listed.prev_cursor,
  };
}

/** A CSV cell that spreadsheets will not run as a formula (= + - @ tab CR at the start get a leading quote). */
export function csvCell(value: string | number | Date | null | undefined): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
