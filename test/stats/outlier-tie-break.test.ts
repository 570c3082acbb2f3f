import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { evaluateDay, evaluateRange } from '../../src/stats/evaluate.js';
import type { Evaluation } from '../../src/stats/types.js';
import { sameWeekdaySeries, settings, WEDNESDAY } from './fixtures.js';

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
const TARGET = WEDNESDAY;
const WEEKS_BACK = { E: 18, B: 2, C: 1 };
const SPIKES = { E: addDays(TARGET, -7 * WEEKS_BACK.E), B: addDays(TARGET, -7 * WEEKS_BACK.B), C: addDays(TARGET, -7 * WEEKS_BACK.C) };
const detector = settings({ weeks: 16, minPoints: 15 });

/** 40 weeks flat at 1,000 on every day, with the three same-weekday spikes of 2,000. */
function series(): Map<IsoDate, number> {
  const spikeWeeks: readonly number[] = Object.values(WEEKS_BACK);
  return sameWeekdaySeries(TARGET, Array.from({ length: 40 }, (_, i) => (spikeWeeks.includes(40 - i) ? 2000 : 1000)), 1000, 1000);
}

type Scored = Extract<Evaluation, { kind: 'scored' }>;

describe('outliers exactly as extreme as each other', () => {
  it('the older is left out first, the newer kept', () => {
    const values = series();
    // With room to leave out both, both go, and their own z (the report's) are equal.
    const both = evaluateDay(values, TARGET, settings({ weeks: 16, minPoints: 14 })) as Scored;
    expect(both.baseline.excluded.map((d) => [d.date, d.reason, d.z])).toEqual([
      [SPIKES.B, 'outlier', 3.75],
      [SPIKES.C, 'outlier', 3.75],
    ]);

    const day = evaluateDay(values, TARGET, detector) as Scored;
    expect(day.baseline.excluded).toEqual([{ date: SPIKES.B, value: 2000, reason: 'outlier', z: 3.75 }]);
    expect(day.baseline.dates).toContain(SPIKES.C);
    expect(day.baseline.values).toHaveLength(15);
    // The range evaluator (run, backtest) leaves out the same day.
    expect(evaluateRange(values, [TARGET], detector)).toEqual([day]);
  });

  it('a more extreme outlier goes first whatever its date', () => {
    // C higher than B: C's own z is now the larger, so C is left out and B kept.
    const values = series();
    values.set(SPIKES.C, 2100);
    const day = evaluateDay(values, TARGET, detector) as Scored;
    expect(day.baseline.excluded.map((d) => [d.date, d.value, d.reason])).toEqual([[SPIKES.C, 2100, 'outlier']]);
  });
});
