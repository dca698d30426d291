import { z } from 'zod';

/** Environment booleans as people write them: true/false, 1/0, yes/no, on/off (case-insensitive). */
export const envBoolean = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (['true', '1', 'yes', 'on'].includes(value)) return true;
      if (['false', '0', 'no', 'off'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    });

/** A number in [min, max] (whole when `whole`); unset or empty means `fallback`. */
const envNumeric = (whole: boolean) => (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!(whole ? Number.isInteger(parsed) : Number.isFinite(parsed)) || parsed < min || parsed > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a ${whole ? 'whole number' : 'number'} from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      return parsed;
    });

export const envInt = envNumeric(true);
export const envNumber = envNumeric(false);

/** An optional string where an empty value means "not set". */
export const envOptional = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value));

export const envList = () =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An origin is scheme://host[:port] with nothing after it, as browsers send in the Origin header. */
export function normaliseOrigin(value: string): string | undefined {
  if (!isHttpUrl(value)) return undefined;
  const url = new URL(value);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return undefined;
  return url.origin;
}
