import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateRange, type IsoDate } from '../../src/dates/iso-date.js';
import { evaluateDay, judgeDay, SeriesEvaluator } from '../../src/stats/evaluate.js';
import type { DayVerdict, DetectorSettings, Evaluation, KnownEvent } from '../../src/stats/types.js';
import { settings } from './fixtures.js';

// The model computes every figure of a range in forward passes, skipping the days no
// target reads (src/stats/day-model.ts, NEEDED). A year-long evaluator and a one-day one
// start their windows on different days, so a figure read from a day the pass skipped,
// or a pass that went wrong, shows up as a difference between the two.

const LAST = '2026-03-31' as IsoDate;
const WEEKLY = [1, 1.06, 1.1, 1.08, 1.02, 0.72, 0.62];

/** A noisy weekly series with missing days, zeros, shocks (outliers) and level shifts. */
function roughSeries(seed: number, days: number, level: number): Map<IsoDate, number> {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
  const values = new Map<IsoDate, number>();
  let shift = 1;
  dateRange(addDays(LAST, -(days - 1)), LAST).forEach((date, i) => {
    if (random() < 0.04) return;
    if (random() < 0.006) shift *= random() < 0.5 ? 0.5 : 1.8;
    const shock = random() < 0.03 ? (random() < 0.5 ? 0.25 : 2.5) : 1;
    const noise = 1 + 0.15 * (random() - 0.5);
    values.set(date, random() < 0.01 ? 0 : Math.round(level * shift * WEEKLY[i % 7]! * noise * shock));
  });
  return values;
}

const holidays = (date: IsoDate): KnownEvent | undefined => (date.endsWith('-25') ? { name: `holiday ${date}`, hold: date.endsWith('12-25') } : undefined);

const settingsArb: fc.Arbitrary<DetectorSettings> = fc
  .record({ weeks: fc.constantFrom(2, 4, 10, 52), minPoints: fc.integer({ min: 2, max: 5 }), calendar: fc.boolean(), dropToZero: fc.boolean() })
  .map(({ weeks, minPoints, calendar, dropToZero }) =>
    settings({
      weeks,
      minPoints: Math.min(minPoints, weeks),
      ...(calendar ? { knownEvents: holidays } : {}),
      ...(dropToZero ? { dropToZero: { severity: 'WARNING', minBaselineMean: 20 } } : {}),
    }),
  );

describe('scoring a range', () => {
  it('gives every day of a long range exactly what evaluateDay gives it alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(3, 200, 5_000), settingsArb, fc.integer({ min: 1, max: 120 }), (seed, level, config, span) => {
        const values = roughSeries(seed, 700, level);
        const first = addDays(LAST, -(span - 1));
        const evaluator = new SeriesEvaluator(values, config, first, LAST);
        // Every day at small baselines; a sample of days at 52 weeks (its windows are long).
        const days = dateRange(first, LAST).filter((_, i) => config.weeks < 52 || i % 17 === 0);
        for (const day of days) expect(evaluator.evaluate(day)).toEqual(evaluateDay(values, day, config));
      }),
      { numRuns: 40 },
    );
  });

  it('judges every day with the figures of its whole evaluation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(3, 5_000), settingsArb, (seed, level, config) => {
        const values = roughSeries(seed, 500, level);
        const first = addDays(LAST, -89);
        const evaluator = new SeriesEvaluator(values, config, first, LAST);
        for (const day of dateRange(first, LAST)) {
          const verdict = evaluator.judge(day);
          expect(verdict).toEqual(verdictOf(evaluator.evaluate(day)));
          expect(judgeDay(values, day, config)).toEqual(verdict);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a date outside its range, and reports a day without a value as data missing', () => {
    const values = roughSeries(5, 400, 200);
    const first = addDays(LAST, -9);
    const evaluator = new SeriesEvaluator(values, settings({ weeks: 4 }), first, LAST);
    for (const outside of [addDays(first, -1), addDays(LAST, 1), 'not a date' as IsoDate]) {
      expect(() => evaluator.judge(outside)).toThrow(`${outside} is outside the evaluator's range ${first} … ${LAST}`);
    }
    const missing = addDays(LAST, -3);
    values.delete(missing);
    expect(new SeriesEvaluator(values, settings({ weeks: 4 }), first, LAST).judge(missing)).toEqual({ kind: 'data_missing', date: missing });
    expect(new SeriesEvaluator(values, settings({ weeks: 4 }), first, LAST).judge(LAST).kind).toBe('scored');
  });
});

/** The verdict an evaluation implies: its own figures, without the lists. */
function verdictOf(evaluation: Evaluation): DayVerdict {
  if (evaluation.kind === 'data_missing') return evaluation;
  const optional = (e: { knownEvent?: KnownEvent }) => (e.knownEvent === undefined ? {} : { knownEvent: e.knownEvent });
  if (evaluation.kind === 'insufficient_history') {
    const { date, value, minPoints } = evaluation;
    return { kind: 'insufficient_history', date, value, baselinePoints: evaluation.baseline.values.length, minPoints, ...optional(evaluation) };
  }
  const { baseline, level: _level, scale, ...rest } = evaluation;
  return {
    ...rest,
    mean: baseline.mean,
    sd: baseline.sd,
    sdUsed: baseline.sdUsed,
    sdFloored: baseline.sdFloored,
    baselinePoints: baseline.values.length,
    mode: scale.mode,
  };
}

