import { describe, expect, it } from 'vitest';
import { addDays, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { DEFAULT_DETECTOR } from '../../src/stats/detector-settings.js';
import { evaluateDay } from '../../src/stats/evaluate.js';
import type { DetectorSettings } from '../../src/stats/types.js';

// A Wednesday, and the same weekday 1..n weeks before it.
const TARGET = isoDate('2026-03-11');
function series(history: number[], today: number): Map<IsoDate, number> {
  const values = new Map<IsoDate, number>(history.map((v, i) => [addDays(TARGET, -7 * (i + 1)), v]));
  values.set(TARGET, today);
  return values;
}
const rule: DetectorSettings = { ...DEFAULT_DETECTOR, dropToZero: { severity: 'WARNING', minBaselineMean: 3 } };

describe('dropToZero: an active series going silent', () => {
  it('is flagged even with two weeks of history (too short for a z-score)', () => {
    const evaluation = evaluateDay(series([12, 4], 0), TARGET, rule); // z ≈ −1.4: no z alert
    expect(evaluation).toMatchObject({ kind: 'scored', severity: 'WARNING', direction: 'down', rule: 'drop_to_zero' });
  });

  it('without the rule, the same short history is only "insufficient history"', () => {
    expect(evaluateDay(series([12, 9], 0), TARGET, DEFAULT_DETECTOR).kind).toBe('insufficient_history');
  });

  it('keeps a stronger z-score severity when there is full history', () => {
    const evaluation = evaluateDay(series([20, 21, 19, 20, 22, 20, 21, 19, 20, 21], 0), TARGET, rule);
    expect(evaluation).toMatchObject({ kind: 'scored', severity: 'CRITICAL' });
    expect(evaluation.kind === 'scored' && evaluation.rule).toBeUndefined();
  });

  it('ignores series that were barely active, and values that are not exactly zero', () => {
    expect(evaluateDay(series([1, 2, 0], 0), TARGET, rule).kind).toBe('insufficient_history');
    expect(evaluateDay(series([12, 9], 1), TARGET, rule).kind).toBe('insufficient_history');
  });

  it('still respects weekday-only series at the weekend', () => {
    const saturday = isoDate('2026-03-14');
    const values = new Map<IsoDate, number>([
      [addDays(saturday, -7), 10],
      [addDays(saturday, -14), 12],
      [saturday, 0],
    ]);
    const evaluation = evaluateDay(values, saturday, { ...rule, weekdaysOnly: true });
    expect(evaluation).toMatchObject({ kind: 'scored', severity: null, suppressedBy: 'weekend' });
  });
});

describe('dropToZero with short history', () => {
  it('grades by the rule alone: a z from two values is too unstable to call CRITICAL', () => {
    const evaluation = evaluateDay(series([45, 47], 0), TARGET, rule); // z ≈ −30 from two points
    expect(evaluation).toMatchObject({ kind: 'scored', severity: 'WARNING', rule: 'drop_to_zero' });
  });
});
