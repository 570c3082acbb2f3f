import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { addDays, daysBetween, daysInMonth, epochDay, fromEpochDay, isoDate, isoWeekday, parseIsoDate, startOfMonth, utcToday, weekdayName, type IsoDate } from '../../src/dates/iso-date.js';
import { todayIn } from '../../src/dates/time-zone.js';

describe('epochDay and fromEpochDay', () => {
  it('equal Date.UTC day by day from 1800 to 2200 (every leap rule: 1900 is not a leap year, 2000 is)', () => {
    const first = Date.UTC(1800, 0, 1) / 86_400_000;
    const last = Date.UTC(2200, 11, 31) / 86_400_000;
    let mismatches = 0;
    for (let day = first; day <= last; day++) {
      const text = new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate;
      if (epochDay(text) !== day || fromEpochDay(day) !== text) mismatches++;
    }
    expect(last - first).toBeGreaterThan(146_000);
    expect(mismatches).toBe(0);
  });

  it('gives addDays and daysBetween their calendar meaning', () => {
    expect(addDays(isoDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(isoDate('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(isoDate('2026-01-01'), -1)).toBe('2025-12-31');
    expect(daysBetween(isoDate('2025-12-25'), isoDate('2026-03-01'))).toBe(66);
    expect(epochDay(isoDate('1970-01-01'))).toBe(0);
  });
});

describe('isoWeekday', () => {
  it('agrees with Date.getUTCDay for every day of 1960–2040', () => {
    let mismatches = 0;
    for (let day = Date.UTC(1960, 0, 1) / 86_400_000; day <= Date.UTC(2040, 11, 31) / 86_400_000; day++) {
      const date = new Date(day * 86_400_000);
      if (isoWeekday(date.toISOString().slice(0, 10) as IsoDate) !== ((date.getUTCDay() + 6) % 7) + 1) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('parseIsoDate', () => {
  it('accepts real calendar dates and refuses everything else', () => {
    for (const good of ['2024-02-29', '2000-02-29', '2026-12-31', '1970-01-01']) expect(parseIsoDate(good)).toBe(good);
    for (const bad of ['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-01', '2026-04-01T00:00', ' 2026-04-01', '']) {
      expect(parseIsoDate(bad)).toBeUndefined();
    }
  });
});

describe('weekdayName, startOfMonth, daysInMonth and utcToday (integer arithmetic, no Luxon)', () => {
  it('agree with Luxon in English for every day of 1960–2040', () => {
    let mismatches = 0;
    for (let day = Date.UTC(1960, 0, 1) / 86_400_000; day <= Date.UTC(2040, 11, 31) / 86_400_000; day++) {
      const date = fromEpochDay(day);
      const luxon = DateTime.fromISO(date, { zone: 'utc', locale: 'en-US' });
      if (weekdayName(date) !== luxon.toFormat('ccc')) mismatches++;
      if (startOfMonth(date) !== luxon.startOf('month').toISODate()) mismatches++;
      if (daysInMonth(date) !== luxon.daysInMonth) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(daysInMonth(isoDate('2024-02-10'))).toBe(29);
    expect(daysInMonth(isoDate('1900-02-10'))).toBe(28);
    expect(daysInMonth(isoDate('2025-12-31'))).toBe(31);
  });

  it('utcToday is the UTC calendar date of the instant, as todayIn UTC', () => {
    for (const instant of ['2026-03-31T23:59:59.999Z', '2026-04-01T00:00:00.000Z', '1969-12-31T12:00:00Z', '2024-02-29T05:00:00Z']) {
      const now = new Date(instant);
      expect(utcToday(now)).toBe(instant.slice(0, 10));
      expect(utcToday(now)).toBe(todayIn('UTC', now));
    }
  });
});
