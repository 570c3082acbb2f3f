import { describe, expect, it } from 'vitest';
import { ROBUST_HOLT_WINTERS_PARAMS, ROBUST_HOLT_WINTERS_PEER, robustHoltWinters, robustHoltWintersZ } from '../../bench/peers/robust-holt-winters.js';
import { addDays, isoDate, type IsoDate } from '../../src/dates/iso-date.js';

const START = isoDate('2025-01-06');
const DAYS = 300;

/** Deterministic uniform noise in [−1, 1) (a 32-bit LCG), so the tests do not depend on luck. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 2 - 1;
  };
}

/** The noiseless weekly sine: 1000 ± 200 with period 7. */
const truth = (t: number): number => 1000 + 200 * Math.sin((2 * Math.PI * t) / 7);

/** A weekly sine with ±2 % uniform noise; `override` replaces the value of day t. */
function weeklySine(override: Readonly<Record<number, (value: number) => number>> = {}): Map<IsoDate, number> {
  const next = noise(7);
  return new Map(
    Array.from({ length: DAYS }, (_, t) => {
      const value = truth(t) * (1 + 0.02 * next());
      return [addDays(START, t), override[t]?.(value) ?? value] as const;
    }),
  );
}

describe('robust Holt-Winters peer (Gelper, Fried & Croux 2010)', () => {
  it('never alerts at |z| > 3 on a clean weekly sine, and scores every day after the 3-week start-up', () => {
    const values = weeklySine();
    const steps = robustHoltWinters(values);
    expect(steps.size).toBe(DAYS - ROBUST_HOLT_WINTERS_PARAMS.startupDays);
    expect([...steps.keys()][0]).toBe(addDays(START, ROBUST_HOLT_WINTERS_PARAMS.startupDays));
    const zs = [...steps.values()].map((s) => s.z);
    expect(zs.every((z) => z !== null)).toBe(true);
    expect(Math.max(...zs.map((z) => Math.abs(z ?? 0)))).toBeLessThan(3);
    // The start-up days are not scored.
    expect(robustHoltWintersZ(values, addDays(START, ROBUST_HOLT_WINTERS_PARAMS.startupDays - 1))).toBeNull();
  });

  it('alerts on a single −40 % day, and only on that day', () => {
    const spike = 200;
    const values = weeklySine({ [spike]: (v) => v * 0.6 });
    const z = robustHoltWintersZ(values, addDays(START, spike))?.z ?? 0;
    expect(z).toBeLessThan(-3);
    const flagged = [...robustHoltWinters(values)].filter(([, s]) => Math.abs(s.z ?? 0) > 3).map(([date]) => date);
    expect(flagged).toEqual([addDays(START, spike)]);
  });

  it('does not let the outlier drag the level: next week’s forecast stays within 3 % of normal', () => {
    const spike = 200;
    const clean = robustHoltWinters(weeklySine());
    const hit = robustHoltWinters(weeklySine({ [spike]: (v) => v * 0.6 }));
    for (const t of [spike + 1, spike + 7]) {
      const date = addDays(START, t);
      const forecast = hit.get(date)?.forecast ?? 0;
      expect(Math.abs(forecast - truth(t)) / truth(t)).toBeLessThan(0.03);
      expect(Math.abs(forecast - (clean.get(date)?.forecast ?? 0)) / truth(t)).toBeLessThan(0.03);
    }
    // A non-robust update would have moved the same weekday's forecast by α·γ-ish shares of
    // the 400-unit error; here the scale absorbs the day and the next week scores normally.
    expect(Math.abs(hit.get(addDays(START, spike + 7))?.z ?? 99)).toBeLessThan(3);
  });

  it('skips a day without a value (not scored, state carried over) and scores nothing on a constant series', () => {
    const values = weeklySine();
    const gap = addDays(START, 150);
    values.delete(gap);
    expect(robustHoltWintersZ(values, gap)).toBeNull();
    expect(robustHoltWintersZ(values, addDays(START, 151))).not.toBeNull();
    const flat = new Map(Array.from({ length: 60 }, (_, t) => [addDays(START, t), 50] as const));
    expect([...robustHoltWinters(flat).values()].every((s) => s.z === null)).toBe(true);
  });

  it('is a peer at |z| > 2 and > 3, like the others', () => {
    expect(ROBUST_HOLT_WINTERS_PEER.thresholds).toEqual([2, 3]);
    expect(ROBUST_HOLT_WINTERS_PEER.score).toBe(robustHoltWintersZ);
  });
});
