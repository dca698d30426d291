import { Transform } from 'class-transformer';

/** HTML forms send empty strings for untouched optional inputs; treat them as absent. */
export const emptyAsAbsent = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value,
);
