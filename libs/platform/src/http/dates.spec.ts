import { parseRfc3339 } from './dates';

describe('parseRfc3339', () => {
  it('reads dates and zoned date-times exactly', () => {
    expect(parseRfc3339('2026-12-01')).toEqual({ date: new Date('2026-12-01T00:00:00.000Z'), dateOnly: true });
    expect(parseRfc3339('2026-12-01T09:30:15Z')?.date.toISOString()).toBe('2026-12-01T09:30:15.000Z');
    expect(parseRfc3339('2026-12-01t09:30:15.123456789z')?.date.toISOString()).toBe('2026-12-01T09:30:15.123Z');
    expect(parseRfc3339('2026-12-01T09:30:00+02:00')?.date.toISOString()).toBe('2026-12-01T07:30:00.000Z');
    expect(parseRfc3339('2026-12-01T00:30:00-05:30')?.date.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(parseRfc3339('2024-02-29')?.dateOnly).toBe(true);
  });

  it('refuses what validator.js calls ISO 8601 but Date cannot read, and impossible dates', () => {
    for (const text of [
      '2099-01-01T09:00:00,5Z', // comma fraction: sent a newsletter at once (M1)
      '2099-W01-1T09:00Z', // week date
      '20990101T090000Z', // basic format
      '20240101',
      '2024-W01-1',
      '2026-12-01T09:00:00', // no zone
      '2026-12-01T09:00Z', // no seconds
      '2025-02-29',
      '2026-13-01',
      '2026-12-01T24:00:00Z',
      '2026-12-01T09:00:60Z',
      '2026-12-01T09:00:00+24:00',
      ' 2026-12-01',
      '2026-12-01T09:00:00Z'.padEnd(60, '0'),
      '',
    ]) {
      expect([text, parseRfc3339(text)]).toEqual([text, undefined]);
    }
    expect(parseRfc3339(20240101)).toBeUndefined();
    expect(parseRfc3339(['2026-12-01'])).toBeUndefined();
  });
});
