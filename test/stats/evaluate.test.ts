import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../src/dates/iso-date.js';
import { evaluateDay, evaluateRange } from '../../src/stats/evaluate.js';
import type { Evaluation } from '../../src/stats/types.js';
import { SATURDAY, SUNDAY, WEDNESDAY, sameWeekdaySeries, settings } from './fixtures.js';

/** μ = 100 and sample σ = 10 exactly: deviations −10, −10, 0, 10, 10 → 400 / 4 = 100. */
const BASELINE = [90, 90, 100, 110, 110];
const five = settings({ weeks: 5 });

function scored(e: Evaluation): Extract<Evaluation, { kind: 'scored' }> {
  if (e.kind !== 'scored') throw new Error(`expected a scored evaluation, got ${e.kind}`);
  return e;
}

describe('evaluateDay', () => {
  it('fixtures: the named days are what the tests assume', () => {
    expect([WEDNESDAY, SATURDAY, SUNDAY].map(isoWeekday)).toEqual([3, 6, 7]);
  });

  it('reports data_missing, not a −100 % drop, when the target has no data', () => {
    const e = evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, undefined), WEDNESDAY, five);
    expect(e).toEqual({ kind: 'data_missing', date: WEDNESDAY });
  });

  it('scores a recorded 0 as a real drop', () => {
    const e = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, 0), WEDNESDAY, five));
    expect(e).toMatchObject({ z: -10, pctChange: -1, direction: 'down', severity: 'CRITICAL' });
  });

  it('scores z, % change, direction and severity against the same-weekday baseline', () => {
    const e = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, 75), WEDNESDAY, five));
    expect(e).toMatchObject({
      date: WEDNESDAY,
      value: 75,
      z: -2.5,
      pctChange: -0.25,
      direction: 'down',
      rawSeverity: 'NOTICE',
      severity: 'NOTICE',
      suppressedBy: null,
    });
    expect(e.baseline).toMatchObject({ mean: 100, sd: 10, values: BASELINE });
  });

  it.each([
    [120, null],
    [130, 'NOTICE'],
    [131, 'WARNING'],
    [145, 'WARNING'],
    [146, 'CRITICAL'],
  ] as const)('value %s (z = (v − 100) / 10) → %s', (value, expected) => {
    const e = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, value), WEDNESDAY, five));
    expect(e.severity).toBe(expected);
  });

  describe('insufficient history', () => {
    it('does not score with fewer than minPoints baseline values', () => {
      const e = evaluateDay(sameWeekdaySeries(WEDNESDAY, [10, 20, 30], 500), WEDNESDAY, settings());
      expect(e.kind).toBe('insufficient_history');
      if (e.kind !== 'insufficient_history') return;
      expect(e.minPoints).toBe(4);
      expect(e.value).toBe(500);
      expect(e.baseline.values).toEqual([10, 20, 30]);
    });

    it('scores with exactly minPoints values', () => {
      const e = evaluateDay(sameWeekdaySeries(WEDNESDAY, [10, 20, 30, 40], 500), WEDNESDAY, settings());
      expect(e.kind).toBe('scored');
    });

    it('counts only dates that have data: missing dates in the lookback do not count', () => {
      const four = [undefined, undefined, 90, undefined, 100, undefined, 110, undefined, 100, undefined];
      const three = [undefined, undefined, 90, undefined, 100, undefined, undefined, undefined, 100, undefined];
      expect(evaluateDay(sameWeekdaySeries(WEDNESDAY, four, 500), WEDNESDAY, settings()).kind).toBe('scored');
      expect(evaluateDay(sameWeekdaySeries(WEDNESDAY, three, 500), WEDNESDAY, settings()).kind).toBe('insufficient_history');
    });
  });

  describe('flat and empty baselines', () => {
    it('never divides by zero on an all-equal baseline: a change of one unit is z = 1 / σ floor', () => {
      const flat = [40, 40, 40, 40, 40];
      const same = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, flat, 40), WEDNESDAY, five));
      expect(same).toMatchObject({ z: 0, severity: null, suppressedBy: 'below_threshold' });
      const plusOne = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, flat, 41), WEDNESDAY, five));
      expect(plusOne.baseline.sdUsed).toBe(1); // max(0, 0.02 × 40, 1)
      expect(plusOne.z).toBe(1);
      expect(plusOne.baseline.sdFloored).toBe(true);
    });

    it('scores activity after a baseline of zeros with a null % change that no gate blocks', () => {
      const e = scored(
        evaluateDay(sameWeekdaySeries(WEDNESDAY, [0, 0, 0, 0, 0], 5), WEDNESDAY, settings({ weeks: 5, minChange: { up: 0.5 } })),
      );
      expect(e).toMatchObject({ z: 5, pctChange: null, direction: 'up', severity: 'CRITICAL', suppressedBy: null });
    });
  });

  describe('suppression', () => {
    it('direction rule: an up-only metric does not alert on a drop, but keeps its raw severity', () => {
      const e = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, 50), WEDNESDAY, settings({ weeks: 5, direction: 'up' })));
      expect(e).toMatchObject({ direction: 'down', rawSeverity: 'CRITICAL', severity: null, suppressedBy: 'direction' });
    });

    it('direction rule: a down-only metric does not alert on a spike, and alerts on a drop', () => {
      const down = settings({ weeks: 5, direction: 'down' });
      expect(scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, 150), WEDNESDAY, down)).suppressedBy).toBe('direction');
      expect(scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, 50), WEDNESDAY, down)).severity).toBe('CRITICAL');
    });

    it('weekdays-only: Saturday and Sunday are scored but never alert; weekdays still do', () => {
      const weekdaysOnly = settings({ weeks: 5, weekdaysOnly: true });
      for (const day of [SATURDAY, SUNDAY]) {
        const e = scored(evaluateDay(sameWeekdaySeries(day, BASELINE, 150), day, weekdaysOnly));
        expect(e).toMatchObject({ rawSeverity: 'CRITICAL', severity: null, suppressedBy: 'weekend' });
      }
      expect(scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, 150), WEDNESDAY, weekdaysOnly)).severity).toBe('CRITICAL');
      expect(scored(evaluateDay(sameWeekdaySeries(SATURDAY, BASELINE, 150), SATURDAY, five)).severity).toBe('CRITICAL');
    });

    it('min-change gate: blocks a big z on a small move, passes exactly at the gate', () => {
      // μ 100, σ 2 (equal to the 2 % floor): −19 % is z = −9.5, far beyond CRITICAL.
      const tight = [98, 98, 100, 102, 102];
      const gated = settings({ weeks: 5, minChange: { down: 0.2 } });
      const below = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, tight, 81), WEDNESDAY, gated));
      expect(below).toMatchObject({ rawSeverity: 'CRITICAL', severity: null, suppressedBy: 'min_change' });
      const atGate = scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, tight, 80), WEDNESDAY, gated));
      expect(atGate.pctChange).toBe(-0.2);
      expect(atGate).toMatchObject({ severity: 'CRITICAL', suppressedBy: null });
      // The down gate does not apply to a spike.
      expect(scored(evaluateDay(sameWeekdaySeries(WEDNESDAY, tight, 110), WEDNESDAY, gated)).severity).toBe('CRITICAL');
    });

    it('reports the most basic reason first: below_threshold, then direction, then weekend, then min_change', () => {
      const everything = settings({ weeks: 5, direction: 'up', weekdaysOnly: true, minChange: { up: 10, down: 10 } });
      const reason = (day: typeof WEDNESDAY, value: number): string | null =>
        scored(evaluateDay(sameWeekdaySeries(day, BASELINE, value), day, everything)).suppressedBy;
      expect(reason(SATURDAY, 50 + 40)).toBe('below_threshold'); // z = −1: not unusual, though also down, weekend, gated
      expect(reason(SATURDAY, 50)).toBe('direction'); // down on a weekend, gated
      expect(reason(SATURDAY, 150)).toBe('weekend'); // up, gated
      expect(reason(WEDNESDAY, 150)).toBe('min_change');
    });
  });

  it('rejects settings that would divide by zero or never alert', () => {
    const series = sameWeekdaySeries(WEDNESDAY, BASELINE, 100);
    const bad = [
      settings({ weeks: 0 }),
      settings({ weeks: 3.5 }),
      settings({ minPoints: 1 }),
      settings({ weeks: 3, minPoints: 4 }),
      settings({ sigmaFloor: { relative: 0.02, absolute: 0 } }),
      settings({ sigmaFloor: { relative: Number.NaN, absolute: 1 } }),
      settings({ thresholds: { notice: 2, warning: 2, critical: 4.5 } }),
      settings({ thresholds: { notice: 3, warning: 2, critical: 4.5 } }),
      settings({ thresholds: { notice: 2, warning: 3, critical: Number.POSITIVE_INFINITY } }),
      settings({ minChange: { down: -0.1 } }),
    ];
    for (const s of bad) expect(() => evaluateDay(series, WEDNESDAY, s)).toThrow(RangeError);
  });

  it('rejects a non-finite target value instead of scoring it', () => {
    expect(() => evaluateDay(sameWeekdaySeries(WEDNESDAY, BASELINE, Number.NaN), WEDNESDAY, five)).toThrow(RangeError);
  });
});

describe('evaluateRange', () => {
  it('returns one evaluation per target, in order, each as evaluateDay gives it', () => {
    const series = sameWeekdaySeries(WEDNESDAY, BASELINE, 150, 100);
    series.delete(addDays(WEDNESDAY, -1));
    const targets = [WEDNESDAY, addDays(WEDNESDAY, -1), addDays(WEDNESDAY, -40), addDays(WEDNESDAY, 30)];
    const range = evaluateRange(series, targets, five);
    expect(range.map((e) => e.kind)).toEqual(['scored', 'data_missing', 'insufficient_history', 'data_missing']);
    expect(range).toEqual(targets.map((t) => evaluateDay(series, t, five)));
  });

  it('validates settings even for an empty range', () => {
    expect(evaluateRange(new Map(), [], five)).toEqual([]);
    expect(() => evaluateRange(new Map(), [], settings({ weeks: 0 }))).toThrow(RangeError);
  });
});
