import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates/iso-date.js';
import { sameWeekdayBaseline } from '../../src/stats/same-weekday-baseline.js';
import { WEDNESDAY, sameWeekdaySeries } from './fixtures.js';

const floor = { relative: 0, absolute: 1 };

describe('sameWeekdayBaseline', () => {
  it('uses target − 7, − 14, … − 7·weeks, oldest first, and no other day', () => {
    const series = sameWeekdaySeries(WEDNESDAY, [10, 12, 14, 16], 99);
    const b = sameWeekdayBaseline(series, WEDNESDAY, 4, floor);
    expect(b.dates).toEqual([-28, -21, -14, -7].map((d) => addDays(WEDNESDAY, d)));
    expect(b.values).toEqual([10, 12, 14, 16]);
    expect(b.missingDates).toEqual([]);
  });

  it('computes μ and the sample (n − 1) standard deviation', () => {
    const b = sameWeekdayBaseline(sameWeekdaySeries(WEDNESDAY, [10, 12, 14, 16], 99), WEDNESDAY, 4, floor);
    expect(b.mean).toBe(13);
    // Deviations −3, −1, 1, 3: 20 / (4 − 1), not 20 / 4.
    expect(b.sd).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(b.sdUsed).toBe(b.sd);
    expect(b.sdFloored).toBe(false);
  });

  it('looks back exactly `weeks` weeks', () => {
    const series = sameWeekdaySeries(WEDNESDAY, [1000, 10, 12, 14, 16], 99);
    const b = sameWeekdayBaseline(series, WEDNESDAY, 4, floor);
    expect(b.values).toEqual([10, 12, 14, 16]);
  });

  it('lists absent dates as missing and skips them instead of counting them as 0', () => {
    const series = sameWeekdaySeries(WEDNESDAY, [10, undefined, 14, undefined, 16], 99);
    const b = sameWeekdayBaseline(series, WEDNESDAY, 5, floor);
    expect(b.values).toEqual([10, 14, 16]);
    expect(b.missingDates).toEqual([addDays(WEDNESDAY, -28), addDays(WEDNESDAY, -14)]);
    expect(b.mean).toBeCloseTo(40 / 3, 12);
  });

  it('keeps a recorded 0 (a day with no activity is data)', () => {
    const b = sameWeekdayBaseline(sameWeekdaySeries(WEDNESDAY, [0, 0, 6, 6], 99), WEDNESDAY, 4, floor);
    expect(b.values).toEqual([0, 0, 6, 6]);
    expect(b.mean).toBe(3);
  });

  it('floors σ of an all-equal baseline and says so', () => {
    const b = sameWeekdayBaseline(sameWeekdaySeries(WEDNESDAY, [0.1, 0.1, 0.1, 0.1, 0.1], 1), WEDNESDAY, 5, {
      relative: 0.5,
      absolute: 0.001,
    });
    expect(b.mean).toBe(0.1);
    expect(b.sd).toBe(0);
    expect(b.sdUsed).toBe(0.05);
    expect(b.sdFloored).toBe(true);
  });

  it('reports μ = σ = 0 (never NaN) when no baseline date has data', () => {
    const b = sameWeekdayBaseline(sameWeekdaySeries(WEDNESDAY, [undefined, undefined], 5, null), WEDNESDAY, 2, floor);
    expect(b.values).toEqual([]);
    expect(b.missingDates).toHaveLength(2);
    expect(b).toMatchObject({ mean: 0, sd: 0, sdUsed: 1, sdFloored: true });
  });

  it('gives σ = 0 for a single value', () => {
    const b = sameWeekdayBaseline(sameWeekdaySeries(WEDNESDAY, [undefined, 42], 5), WEDNESDAY, 2, floor);
    expect(b).toMatchObject({ mean: 42, sd: 0, sdUsed: 1 });
  });

  it('rejects invalid weeks, floors and values', () => {
    const series = sameWeekdaySeries(WEDNESDAY, [1, 2, 3, 4], 5);
    expect(() => sameWeekdayBaseline(series, WEDNESDAY, 0, floor)).toThrow(RangeError);
    expect(() => sameWeekdayBaseline(series, WEDNESDAY, 2.5, floor)).toThrow(RangeError);
    expect(() => sameWeekdayBaseline(series, WEDNESDAY, 4, { relative: 0, absolute: 0 })).toThrow(RangeError);
    const bad = sameWeekdaySeries(WEDNESDAY, [1, Number.NaN, 3, 4], 5);
    expect(() => sameWeekdayBaseline(bad, WEDNESDAY, 4, floor)).toThrow(/finite/);
  });
});
