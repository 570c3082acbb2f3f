import { describe, expect, it } from 'vitest';
import { addDays, dateRange, type IsoDate } from '../../src/dates/iso-date.js';
import { DEFAULT_DETECTOR } from '../../src/stats/detector-settings.js';
import { evaluateDay, evaluateRange } from '../../src/stats/evaluate.js';
import type { DetectorSettings, Evaluation } from '../../src/stats/types.js';

/**
 * When a baseline holds more outliers than it may leave out (never below minPoints
 * values), the most extreme go first, and among outliers exactly as extreme the older
 * one: a total order, so a day's baseline never depends on anything but the data
 * (src/stats/day-model.ts outliersToDrop).
 *
 * The series is flat at 1,000 except three same-weekday spikes of 2,000: E 18 weeks before
 * the target, B 2 weeks before and C 1 week before. B's own baseline (16 weeks) holds E
 * and fifteen flat days, C's holds B and fifteen flat days: the same values, so B and C
 * have exactly the same own z, (16 − 1)/√16 = 3.75 > OUTLIER_Z (integers throughout, so
 * no rounding can tell them apart). E is outside the target's 16 weeks; with minPoints 15
 * the target's 16 candidates may lose one.
 */
const TARGET = '2026-03-04' as IsoDate; // a Wednesday
const SPIKES = { E: addDays(TARGET, -7 * 18), B: addDays(TARGET, -7 * 2), C: addDays(TARGET, -7) };
const settings: DetectorSettings = { ...DEFAULT_DETECTOR, weeks: 16, minPoints: 15 };

function series(spikes: readonly IsoDate[]): Map<IsoDate, number> {
  const values = new Map<IsoDate, number>();
  for (const date of dateRange(addDays(TARGET, -7 * 40), TARGET)) values.set(date, spikes.includes(date) ? 2000 : 1000);
  return values;
}

type Scored = Extract<Evaluation, { kind: 'scored' }>;

describe('outliers exactly as extreme as each other', () => {
  it('the older is left out first, the newer kept', () => {
    const values = series(Object.values(SPIKES));
    // With room to leave out both, both go, and their own z (the report's) are equal.
    const both = evaluateDay(values, TARGET, { ...settings, minPoints: 14 }) as Scored;
    expect(both.baseline.excluded.map((d) => [d.date, d.reason, d.z])).toEqual([
      [SPIKES.B, 'outlier', 3.75],
      [SPIKES.C, 'outlier', 3.75],
    ]);

    const day = evaluateDay(values, TARGET, settings) as Scored;
    expect(day.baseline.excluded).toEqual([{ date: SPIKES.B, value: 2000, reason: 'outlier', z: 3.75 }]);
    expect(day.baseline.dates).toContain(SPIKES.C);
    expect(day.baseline.values).toHaveLength(15);
    // The range evaluator (run, backtest) leaves out the same day.
    expect(evaluateRange(values, [TARGET], settings)).toEqual([day]);
  });

  it('a more extreme outlier goes first whatever its date', () => {
    // C higher than B: C's own z is now the larger, so C is left out and B kept.
    const values = series(Object.values(SPIKES));
    values.set(SPIKES.C, 2100);
    const day = evaluateDay(values, TARGET, settings) as Scored;
    expect(day.baseline.excluded.map((d) => [d.date, d.value, d.reason])).toEqual([[SPIKES.C, 2100, 'outlier']]);
  });
});
