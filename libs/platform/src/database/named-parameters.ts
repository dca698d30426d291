import type { Dialect } from './dialect';
import type { SqlParams } from './sql';

const NAMED = /:(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * A Date as the database keeps it. PostgreSQL takes the Date itself (timestamptz). SQLite stores UTC text,
 * 'YYYY-MM-DD HH:MM:SS.sss', which sorts and compares correctly as text and is what the migrations' defaults write.
 */
function bindable(value: unknown, dialect: Dialect): unknown {
  if (value instanceof Date && dialect === 'sqlite') return value.toISOString().replace('T', ' ').replace('Z', '');
  return value;
}

/**
 * Turns `:name` (and `:...list` for IN lists) into the driver's placeholders, leaving quoted SQL text alone, and
 * binds Dates in the database's timestamp form. TypeORM's own version inlines numbers into the SQL, which makes
 * every statement text unique and defeats prepared-statement caching.
 */
export function bindNamed(sql: string, parameters: SqlParams, dialect: Dialect): [string, unknown[]] {
  const values: unknown[] = [];
  const placeholder = () => (dialect === 'postgres' ? `$${values.length}` : '?');
  const text = sql
    .split(/('(?:[^']|'')*')/)
    .map((part, index) => {
      if (index % 2 === 1) return part; // a quoted literal
      return part.replace(NAMED, (_match, spread: string | undefined, name: string) => {
        if (!(name in parameters)) throw new Error(`Missing SQL parameter :${name}`);
        const value = parameters[name];
        if (spread) {
          if (!Array.isArray(value) || value.length === 0)
            throw new Error(`SQL parameter :...${name} must be a non-empty array`);
          return value.map((item) => (values.push(bindable(item, dialect)), placeholder())).join(', ');
        }
        values.push(bindable(value, dialect));
        return placeholder();
      });
    })
    .join('');
  return [text, values];
}
