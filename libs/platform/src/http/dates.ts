import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/**
 * RFC 3339: `full-date` (2026-12-01) or `date-time` with a zone (2026-12-01T09:00:00Z, …+02:00). One anchored pattern
 * with no nested or overlapping quantifiers (linear), then every number is range-checked by hand, so what passes is
 * exactly what Date represents: no comma fractions, week dates, basic format or zone-less times.
 */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2})))?$/;
const MAX_LENGTH = 40;

export interface ParsedDate {
  readonly date: Date;
  /** A bare calendar day (no time of day). */
  readonly dateOnly: boolean;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The one date parser for every date input. Undefined for anything that is not RFC 3339 (or not a real date). */
export function parseRfc3339(value: unknown): ParsedDate | undefined {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return undefined;
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (m[4] === undefined) return { date: new Date(Date.UTC(year, month - 1, day)), dateOnly: true };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11])];
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : { date, dateOnly: false };
}

const DAY_MS = 86_400_000;
const EXAMPLE_DATE_TIME = '2026-12-01T09:00:00Z';

type Kind = 'date-time' | 'range-start' | 'range-end';

/** What the parsed value becomes: range ends widen a bare day to its last millisecond (the day is included). */
function toDate(value: unknown, kind: Kind): unknown {
  const parsed = parseRfc3339(value);
  if (!parsed) return value;
  if (kind === 'date-time') return parsed.dateOnly ? value : parsed.date;
  if (kind === 'range-end' && parsed.dateOnly) return new Date(parsed.date.getTime() + DAY_MS - 1);
  return parsed.date;
}

const decorator = (kind: Kind, message: string) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => toDate(value, kind)),
    ValidateBy({
      name: 'rfc3339',
      validator: {
        validate: (value: unknown) => value instanceof Date,
        defaultMessage: () => message,
      },
    }),
  );

/** A point in time: RFC 3339 date-time with a zone, read into a Date. */
export const IsDateTime = () =>
  decorator('date-time', `must be an RFC 3339 date-time with a zone, such as ${EXAMPLE_DATE_TIME}`);

/** The start of a range: a day (from its first moment, UTC) or a date-time with a zone. */
export const IsRangeStart = () =>
  decorator('range-start', `must be a date (2026-12-01) or an RFC 3339 date-time with a zone (${EXAMPLE_DATE_TIME})`);

/** The end of a range, inclusive: a day (to its last moment, UTC) or a date-time with a zone. */
export const IsRangeEnd = () =>
  decorator('range-end', `must be a date (2026-12-01) or an RFC 3339 date-time with a zone (${EXAMPLE_DATE_TIME})`);
