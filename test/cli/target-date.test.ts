import { describe, expect, it } from 'vitest';
import { resolveTargetDate } from '../../src/cli/target-date.js';
import { UsageError } from '../../src/errors.js';

// 23:30 UTC on 2026-03-10 is already 2026-03-11 in Tokyo.
const now = new Date('2026-03-10T23:30:00Z');

describe('resolveTargetDate', () => {
  it('resolves yesterday and today in the configured time zone', () => {
    expect(resolveTargetDate('yesterday', { timeZone: 'UTC', now, lagDays: 1 })).toBe('2026-03-09');
    expect(resolveTargetDate('yesterday', { timeZone: 'Asia/Tokyo', now, lagDays: 1 })).toBe('2026-03-10');
    expect(resolveTargetDate('today', { timeZone: 'Asia/Tokyo', now, lagDays: 1 })).toBe('2026-03-11');
  });

  it('defaults to today minus the domain lag', () => {
    expect(resolveTargetDate(undefined, { timeZone: 'UTC', now, lagDays: 3 })).toBe('2026-03-07');
  });

  it.each(['2026-02-30', 'tomorrow', '2026-3-1', '03/01/2026', ''])('refuses %j', (text) => {
    expect(() => resolveTargetDate(text, { timeZone: 'UTC', now, lagDays: 1 })).toThrow(UsageError);
  });

  it('refuses a future date and says what today is', () => {
    expect(() => resolveTargetDate('2026-03-11', { timeZone: 'UTC', now, lagDays: 1 })).toThrow(/in the future \(today is 2026-03-10 in UTC\)/);
  });
});
