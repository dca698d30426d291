import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The OpenAPI schema of a `Page<T>` for one item type (OpenAPI has no generics): `class XPageDto extends PageDto(XDto)`.
 * Documentation only; services return plain `Page<T>` objects.
 */
export function PageDto<T>(item: Type<T>) {
  class PageOfItems {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ description: 'Exact up to 10,000 matches; beyond that PostgreSQL answers its estimate.' })
    total!: number;

    @ApiProperty({ description: 'False when `total` is an estimate.' })
    total_exact!: boolean;

    @ApiProperty({ description: 'Its number; after a cursor, counted from the page the cursor came from.' })
    page!: number;

    @ApiProperty()
    per_page!: number;

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' })
    next_cursor!: string | null;

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` for the page before; null on the first.',
    })
    prev_cursor!: string | null;
  }
  return PageOfItems;
}
