import { describe, expect, it } from 'vitest';
import { choose, type Proposal } from '../../src/calibrate/suggest.js';
import { robustCv } from '../../src/calibrate/robust-cv.js';
import { aboveOnGrid, alertDays, allowedAlerts, ceilToGrid, searchGate, searchThreshold, type DayScore } from '../../src/calibrate/search.js';
import { isoDate } from '../../src/dates/iso-date.js';
import type { MinChangeGate, Thresholds } from '../../src/stats/types.js';

const DEFAULT = { thresholds: { notice: 2, warning: 3, critical: 4.5 }, minChange: {}, direction: 'both' as const };

/** A rise whose σ is 2 % of μ (the default floor on a flat baseline): z = 50 · change. */
function rise(absZ: number, options: Partial<DayScore> = {}): DayScore {
  return { date: isoDate('2026-03-02'), absZ, pctChange: absZ / 50, direction: 'up', byRule: false, clean: true, ...options };
}

describe('allowedAlerts: at most budget · clean days / 30, in whole alerts', () => {
  it.each([
    [1, 88, 2],
    [1, 90, 3],
    [1, 29, 0],
    [0.5, 60, 1],
    [0.7, 30, 0],
    [0.1, 300, 1], // 0.1 · 300 / 30 is 1.0000000000000002 in floats, and 0.7 · 30 would be 20.999…: both land on the right count
    [2, 45, 3],
  ])('budget %s over %s clean days allows %s', (budget, days, allowed) => {
    expect(allowedAlerts(budget, days)).toBe(allowed);
  });
});

describe('searchThreshold', () => {
  // Clean |z| 5.5, 4, 3, 2.5 and one labelled day at 5: four clean alerts at notice 2.
  const days = [rise(5.5), rise(4), rise(3), rise(2.5), rise(5, { clean: false })];

  it('is the (allowed + 1)-th largest clean |z|: alerts need |z| strictly above it', () => {
    // One allowed: the 2nd largest, 4. At 4 only 5.5 alerts; anything lower lets 4 through.
    const found = searchThreshold(days, DEFAULT, 1);
    expect(found).toEqual({ kind: 'found', value: { notice: 4, warning: 5, critical: 6.5 }, trial: { notice: 4, minChange: {} } });
    // Two allowed: the 3rd largest, 3.
    expect(searchThreshold(days, DEFAULT, 2)).toMatchObject({ value: { notice: 3, warning: 4, critical: 5.5 } });
  });

  it('keeps the gaps between levels, so they stay strictly increasing', () => {
    const found = searchThreshold(days, { ...DEFAULT, thresholds: { notice: 2, warning: 2.5, critical: 6 } }, 1);
    expect(found).toMatchObject({ value: { notice: 4, warning: 4.5, critical: 8 } });
  });

  it('rounds up to the 0.01 grid, never down (rounding down would let the cut-off day alert)', () => {
    const found = searchThreshold([rise(3.141), rise(2.718)], DEFAULT, 1);
    expect(found).toMatchObject({ value: { notice: 2.72 } });
    if (found.kind !== 'found') throw new Error('expected a threshold');
    expect(alertDays([rise(3.141), rise(2.718)], found.trial)).toHaveLength(1);
  });

  it('ties at the cut-off all go quiet: fewer alerts than allowed, never more', () => {
    const found = searchThreshold([rise(3), rise(3), rise(3), rise(2.5)], DEFAULT, 1);
    expect(found).toMatchObject({ value: { notice: 3 } });
  });

  it('never lowers: a key within budget gets nothing, even if a lower threshold would also be within budget', () => {
    expect(searchThreshold([rise(2.5), rise(2.8)], { ...DEFAULT, thresholds: { notice: 3, warning: 4, critical: 5 } }, 0)).toEqual({ kind: 'within_budget' });
    expect(searchThreshold([rise(2.5)], DEFAULT, 1)).toEqual({ kind: 'within_budget' });
  });

  it('counts only days the current gate lets through', () => {
    // The gate (up ≥ 7 %) already silences 3 (6 %) and 2.5 (5 %): 5.5 and 4 are the only clean alerts.
    expect(searchThreshold(days, { ...DEFAULT, minChange: { up: 0.07 } }, 2)).toEqual({ kind: 'within_budget' });
    expect(searchThreshold(days, { ...DEFAULT, minChange: { up: 0.07 } }, 1)).toMatchObject({ value: { notice: 4 } });
  });

  it('cannot silence drop-to-zero alerts: they alert whatever the threshold', () => {
    const zero = (absZ: number): DayScore => ({ ...rise(absZ), direction: 'down', pctChange: -1, byRule: true });
    expect(searchThreshold([zero(1.5), zero(9), rise(4)], DEFAULT, 1)).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('2 clean drop-to-zero alerts') });
    // One rule alert and one allowed: every other clean day must go quiet, so notice = the largest other |z|.
    expect(searchThreshold([zero(1.5), rise(4), rise(3)], DEFAULT, 1)).toMatchObject({ value: { notice: 4 } });
  });
});

describe('searchGate', () => {
  // Rises of 11, 8, 6, 5 % (z 5.5, 4, 3, 2.5) and a labelled rise of 10 %.
  const days = [rise(5.5), rise(4), rise(3), rise(2.5), rise(5, { clean: false })];

  it('is the smallest 0.01 step strictly above the (allowed + 1)-th largest clean change: a change at the gate passes', () => {
    const found = searchGate(days, { ...DEFAULT, direction: 'up' }, 1);
    expect(found).toMatchObject({ kind: 'found', options: [{ sides: ['up'], value: { up: 0.09 } }] });
    expect(aboveOnGrid(0.08)).toBe(0.09);
    expect(aboveOnGrid(0.085)).toBe(0.09);
  });

  it('offers a two-way metric each way of gating; gating drops cannot help when every clean alert is a rise', () => {
    const found = searchGate(days, DEFAULT, 1);
    if (found.kind !== 'found') throw new Error('expected gates');
    expect(found.options.map((o) => o.value)).toEqual([{ up: 0.09 }, { up: 0.09, down: 0.09 }]);
  });

  it('raises only the sides whose gate is below the new one', () => {
    const found = searchGate(days, { ...DEFAULT, minChange: { down: 0.5 } }, 1);
    if (found.kind !== 'found') throw new Error('expected gates');
    expect(found.options.map((o) => o.value)).toEqual([{ up: 0.09 }]);
  });

  it('cannot gate a change from a baseline of 0 (no percentage), nor go past the schema cap of +1,000 %', () => {
    const fromZero = (absZ: number): DayScore => ({ ...rise(absZ), pctChange: null });
    expect(searchGate([fromZero(3), fromZero(4), rise(5)], { ...DEFAULT, direction: 'up' }, 1)).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('baseline mean of 0') });
    expect(searchGate([rise(3, { pctChange: 12 }), rise(4, { pctChange: 15 })], { ...DEFAULT, direction: 'up' }, 1)).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('above 10') });
  });

  it('a key within budget gets no gate', () => {
    expect(searchGate(days, DEFAULT, 4)).toEqual({ kind: 'within_budget' });
  });
});

describe('choosing threshold or gate', () => {
  const proposal = <T>(value: T, eventsLost: string[]): Proposal<T> => ({ kind: 'proposal', value, cleanAlerts: 1, per30: 0.5, eventsLost, labelledSilenced: eventsLost.length });
  const t = (lost: string[]): Proposal<Thresholds> => proposal({ notice: 4, warning: 5, critical: 6.5 }, lost);
  const g = (lost: string[]): Proposal<MinChangeGate> => proposal({ up: 0.09 }, lost);

  it('takes the one that loses fewer labelled events; a tie goes to the threshold', () => {
    expect(choose(t(['outage']), g([]))).toBe('gate');
    expect(choose(t([]), g(['outage']))).toBe('threshold');
    expect(choose(t([]), g([]))).toBe('threshold');
    expect(choose(t(['a']), g(['b']))).toBe('threshold');
  });

  it('takes whichever exists, and nothing when neither reaches the budget', () => {
    const none = { kind: 'unreachable' as const, reason: 'x' };
    expect(choose(none, g([]))).toBe('gate');
    expect(choose(t(['a']), none)).toBe('threshold');
    expect(choose(none, none)).toBeNull();
    expect(choose(null, null)).toBeNull();
  });
});

describe('grid rounding is float-safe', () => {
  it.each([
    [2.87, 2.87],
    [2.871, 2.88],
    [0.29, 0.29], // 0.29 · 100 is 28.999999999999996
    [3, 3],
  ])('ceilToGrid(%s) = %s', (x, expected) => expect(ceilToGrid(x)).toBe(expected));

  it.each([
    [0.29, 0.3],
    [0.28999, 0.29],
    [0.06, 0.07],
  ])('aboveOnGrid(%s) = %s', (x, expected) => expect(aboveOnGrid(x)).toBe(expected));
});

describe('robustCv', () => {
  it('is 1.4826 · MAD / |median|, unmoved by one huge day where σ / μ explodes', () => {
    const values = [98, 100, 102, 100, 98, 102, 100];
    // median 100, |deviations| 2 0 2 0 2 2 0 → MAD 2.
    expect(robustCv(values)).toBeCloseTo((1.4826 * 2) / 100, 12);
    expect(robustCv([...values, 1000])).toBeCloseTo((1.4826 * 2) / 100, 12);
  });

  it('is null without a scale: a median of 0 or fewer than two values', () => {
    expect(robustCv([0, 0, 0, 5])).toBeNull();
    expect(robustCv([7])).toBeNull();
  });
});
