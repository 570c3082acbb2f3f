import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { evaluateDay, evaluateRange } from '../../src/stats/evaluate.js';
import { MAX_METRIC_MAGNITUDE } from '../../src/stats/metric-value.js';
import { severityOf, severityRank } from '../../src/stats/severity.js';
import type { DetectorSettings, Evaluation, Thresholds } from '../../src/stats/types.js';
import { WEDNESDAY, sameWeekdaySeries } from './fixtures.js';

const thresholdsArb: fc.Arbitrary<Thresholds> = fc
  .tuple(
    fc.double({ min: 0.5, max: 4, noNaN: true }),
    fc.double({ min: 0.01, max: 3, noNaN: true }),
    fc.double({ min: 0.01, max: 3, noNaN: true }),
  )
  .map(([notice, a, b]) => ({ notice, warning: notice + a, critical: notice + a + b }));

const gateArb = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined });

function settingsArb(floor: fc.Arbitrary<DetectorSettings['sigmaFloor']>): fc.Arbitrary<DetectorSettings> {
  return fc.integer({ min: 2, max: 12 }).chain((weeks) =>
    fc.record({
      weeks: fc.constant(weeks),
      minPoints: fc.integer({ min: 2, max: weeks }),
      thresholds: thresholdsArb,
      direction: fc.constantFrom('both' as const, 'up' as const, 'down' as const),
      minChange: fc.record({ up: gateArb, down: gateArb }),
      sigmaFloor: floor,
      weekdaysOnly: fc.boolean(),
    }),
  );
}

const anyFloor = fc.record({
  relative: fc.constantFrom(0, 0.01, 0.02, 0.05, 0.3),
  absolute: fc.double({ min: 1e-6, max: 100, noNaN: true }),
});
/** The floor's absolute part is far below any σ of a non-constant integer baseline (≥ 0.3). */
const tinyAbsoluteFloor = (relative: fc.Arbitrary<number>) => fc.record({ relative, absolute: fc.constant(1e-9) });

/** Integer baselines that are not constant, so their sample σ is at least ~0.3 (unless outliers left out flatten it). */
const varyingBaselineArb = fc
  .array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 2, maxLength: 12 })
  .filter((values) => new Set(values).size > 1);

/** Day offsets so that the target lands on every weekday, weekends included. */
const targetArb = fc.integer({ min: 0, max: 6 }).map((offset) => addDays(WEDNESDAY, offset));

function scoredOrNull(e: Evaluation): Extract<Evaluation, { kind: 'scored' }> | null {
  return e.kind === 'scored' ? e : null;
}

const closeTo = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 + 1e-9 * Math.max(Math.abs(a), Math.abs(b));

describe('stats core properties', () => {
  it('z and % change are invariant to scaling the whole series by a positive constant', () => {
    fc.assert(
      fc.property(
        varyingBaselineArb,
        fc.integer({ min: -2_000_000, max: 2_000_000 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        settingsArb(tinyAbsoluteFloor(fc.constantFrom(0, 0.01, 0.02, 0.05, 0.3))),
        targetArb,
        (baseline, targetValue, k, settings, target) => {
          const s = { ...settings, weeks: baseline.length, minPoints: 2 };
          // No filler days: a constant filler would be perfectly predictable, its pooled scale 0,
          // and the absolute floor (in metric units) the scale.
          const plain = scoredOrNull(evaluateDay(sameWeekdaySeries(target, baseline, targetValue, null), target, s));
          const scaled = scoredOrNull(
            evaluateDay(sameWeekdaySeries(target, baseline.map((v) => v * k), targetValue * k, null), target, s),
          );
          if (plain === null || scaled === null) throw new Error('both must be scored');
          // Outlier days left out can leave a flat kept baseline, where the absolute floor (in
          // metric units, so not scale-free by design) is the scale: the property is about the rest.
          fc.pre(plain.baseline.sd > 0);
          expect(closeTo(plain.z, scaled.z)).toBe(true);
          if (plain.pctChange === null || scaled.pctChange === null) expect(plain.pctChange).toBe(scaled.pctChange);
          else expect(closeTo(plain.pctChange, scaled.pctChange)).toBe(true);
        },
      ),
    );
  });

  it('z is invariant to adding a constant to the whole series when the relative floor is 0', () => {
    fc.assert(
      fc.property(
        varyingBaselineArb,
        fc.integer({ min: -2_000_000, max: 2_000_000 }),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        settingsArb(tinyAbsoluteFloor(fc.constant(0))),
        targetArb,
        (baseline, targetValue, c, settings, target) => {
          const s = { ...settings, weeks: baseline.length, minPoints: 2 };
          const plain = scoredOrNull(evaluateDay(sameWeekdaySeries(target, baseline, targetValue, null), target, s));
          const shifted = scoredOrNull(
            evaluateDay(sameWeekdaySeries(target, baseline.map((v) => v + c), targetValue + c, null), target, s),
          );
          if (plain === null || shifted === null) throw new Error('both must be scored');
          fc.pre(plain.baseline.sd > 0); // as above: a flat kept baseline is scaled by the absolute floor
          expect(closeTo(plain.z, shifted.z)).toBe(true);
        },
      ),
    );
  });

  it('a constant series never alerts, whatever the settings', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        settingsArb(anyFloor),
        targetArb,
        (c, settings, target) => {
          const values = sameWeekdaySeries(target, Array.from({ length: settings.weeks }, () => c), c, c);
          for (const e of evaluateRange(values, [target, addDays(target, -1)], settings)) {
            const s = scoredOrNull(e);
            if (s === null) throw new Error('a full constant series must be scored');
            expect(s.z).toBe(0);
            expect(s.rawSeverity).toBeNull();
            expect(s.severity).toBeNull();
          }
        },
      ),
    );
  });

  it('a larger spike (or drop) on the target day never lowers the severity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.boolean(),
        settingsArb(anyFloor),
        targetArb,
        (baseline, d1, d2, up, settings, target) => {
          const [small, large] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const s = { ...settings, weeks: baseline.length, minPoints: 2 };
          const edge = up ? Math.max(...baseline) : Math.min(...baseline);
          const at = (d: number) =>
            scoredOrNull(evaluateDay(sameWeekdaySeries(target, baseline, up ? edge + d : edge - d), target, s));
          const a = at(small);
          const b = at(large);
          if (a === null || b === null) throw new Error('both must be scored');
          expect(Math.abs(b.z)).toBeGreaterThanOrEqual(Math.abs(a.z));
          expect(severityRank(b.rawSeverity)).toBeGreaterThanOrEqual(severityRank(a.rawSeverity));
          expect(severityRank(b.severity)).toBeGreaterThanOrEqual(severityRank(a.severity));
        },
      ),
    );
  });

  it('evaluateRange equals mapping evaluateDay over the same dates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }), { minLength: 1, maxLength: 120 }),
        settingsArb(anyFloor),
        fc.array(fc.integer({ min: -10, max: 130 }), { maxLength: 40 }),
        (daily, settings, offsets) => {
          const start = '2024-03-01' as IsoDate;
          const values = new Map<IsoDate, number>();
          daily.forEach((v, i) => {
            if (v !== undefined) values.set(addDays(start, i), v);
          });
          const targets = offsets.map((o) => addDays(start, o));
          expect(evaluateRange(values, targets, settings)).toEqual(targets.map((t) => evaluateDay(values, t, settings)));
        },
      ),
    );
  });

  it('never produces NaN or ±Infinity, even at extreme magnitudes and floors', () => {
    const magnitude = fc.oneof(
      fc.double({ min: -MAX_METRIC_MAGNITUDE, max: MAX_METRIC_MAGNITUDE, noNaN: true }),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0, MAX_METRIC_MAGNITUDE, -MAX_METRIC_MAGNITUDE, 5e-324),
    );
    const extremeFloor = fc.record({
      relative: fc.double({ min: 0, max: 10, noNaN: true }),
      absolute: fc.oneof(fc.constant(Number.MIN_VALUE), fc.double({ min: Number.MIN_VALUE, max: 1e6, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(magnitude, { minLength: 1, maxLength: 12 }), magnitude, settingsArb(extremeFloor), targetArb, (baseline, v, settings, target) => {
        const s = { ...settings, weeks: baseline.length + 1, minPoints: 2 };
        const e = evaluateDay(sameWeekdaySeries(target, baseline, v), target, s);
        if (e.kind === 'data_missing') throw new Error('the target has data');
        const numbers = [e.baseline.mean, e.baseline.sd, e.baseline.sdUsed, ...(e.kind === 'scored' ? [e.z] : [])];
        for (const n of numbers) expect(Number.isFinite(n)).toBe(true);
        expect(e.baseline.sdUsed).toBeGreaterThan(0);
        if (e.kind === 'scored' && e.pctChange !== null) expect(Number.isFinite(e.pctChange)).toBe(true);
      }),
    );
  });

  it('severity is ordered like |z|, and each band is the one its thresholds define', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), thresholdsArb, (a, b, t) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(severityRank(severityOf(low, t))).toBeLessThanOrEqual(severityRank(severityOf(high, t)));
        const band = high > t.critical ? 'CRITICAL' : high > t.warning ? 'WARNING' : high > t.notice ? 'NOTICE' : null;
        expect(severityOf(high, t)).toBe(band);
      }),
    );
  });

  it('across scored days of a series, a larger |z| never gets a lower raw severity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 30, maxLength: 90 }),
        settingsArb(anyFloor),
        (daily, settings) => {
          const start = '2024-03-01' as IsoDate;
          const values = new Map(daily.map((v, i) => [addDays(start, i), v] as const));
          const scored = evaluateRange(values, [...values.keys()], settings).flatMap((e) => (e.kind === 'scored' ? [e] : []));
          const sorted = [...scored].sort((x, y) => Math.abs(x.z) - Math.abs(y.z));
          for (let i = 1; i < sorted.length; i++) {
            expect(severityRank(sorted[i]!.rawSeverity)).toBeGreaterThanOrEqual(severityRank(sorted[i - 1]!.rawSeverity));
          }
        },
      ),
    );
  });
});
