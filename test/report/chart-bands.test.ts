import { describe, expect, it } from 'vitest';
import { addDays, dateRange, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { thresholdBand } from '../../src/report/chart-points.js';
import { evaluateDay } from '../../src/stats/evaluate.js';
import { DEFAULT_DETECTOR } from '../../src/stats/detector-settings.js';
import type { Evaluation } from '../../src/stats/types.js';

// The report draws, for each day, the band of values under each threshold. README
// "Reports" claims the band is exact: a value just inside it scores |z| ≤ t, just outside
// > t. Checked here against the detector itself, on every scored day of a series with a
// weekly pattern, noise, and a level shift (so the expected value differs from μ and the
// two scores can disagree).

const WEEKLY = [1, 1.06, 1.1, 1.08, 1.02, 0.72, 0.62];
const START = isoDate('2025-10-01');
const END = isoDate('2026-03-31');

function series(): Map<IsoDate, number> {
  let state = 7;
  const noise = (): number => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647 - 0.5;
  };
  const values = new Map<IsoDate, number>();
  dateRange(START, END).forEach((date, i) => {
    const shift = date >= '2026-02-10' ? 1.35 : 1;
    values.set(date, Math.round(1000 * shift * (WEEKLY[i % 7] as number) * (1 + 0.08 * noise())));
  });
  return values;
}

function scoredZ(values: ReadonlyMap<IsoDate, number>, date: IsoDate, value: number): number {
  const evaluation = evaluateDay(new Map([...values, [date, value]]), date, DEFAULT_DETECTOR);
  if (evaluation.kind !== 'scored') throw new Error(`${date} was not scored`);
  return Math.abs(evaluation.z);
}

describe('the chart bands', () => {
  it('hold exactly the values whose |z| stays within each threshold, on every scored day', () => {
    const values = series();
    let checked = 0;
    let apart = 0;
    for (const date of dateRange(addDays(END, -60), END)) {
      const evaluation: Evaluation = evaluateDay(values, date, DEFAULT_DETECTOR);
      if (evaluation.kind !== 'scored') continue;
      if (Math.abs(evaluation.expected - evaluation.baseline.mean) > evaluation.baseline.sdUsed) apart += 1;
      for (const t of [DEFAULT_DETECTOR.thresholds.notice, DEFAULT_DETECTOR.thresholds.critical]) {
        const [low, high] = thresholdBand(evaluation, t);
        const step = 1e-6 * Math.max(1, Math.abs(high), Math.abs(low));
        expect(scoredZ(values, date, high - step), `${date} t=${t} just under the top`).toBeLessThanOrEqual(t);
        expect(scoredZ(values, date, high + step), `${date} t=${t} just over the top`).toBeGreaterThan(t);
        expect(scoredZ(values, date, low + step), `${date} t=${t} just over the bottom`).toBeLessThanOrEqual(t);
        expect(scoredZ(values, date, low - step), `${date} t=${t} just under the bottom`).toBeGreaterThan(t);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
    // Not vacuous: on some days the expected value sits away from μ, where the band is the union of two intervals.
    expect(apart).toBeGreaterThan(3);
  });
});
