import type { Dialect } from './dialect';

const NAMED = /:(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Turns `:name` (and `:...list` for IN lists) into the driver's placeholders, leaving quoted SQL text alone.
 * TypeORM's own version inlines numbers into the SQL, which makes every statement text unique and defeats
 * prepared-statement caching.
 */
export function bindNamed(sql: string, parameters: Record<string, unknown>, dialect: Dialect): [string, unknown[]] {
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
          return value.map((item) => (values.push(item), placeholder())).join(', ');
        }
        values.push(value);
        return placeholder();
      });
    })
    .join('');
  return [text, values];
}
