import { describe, expect, it } from 'vitest';
import { addDays, dateRange, isoWeekday, type IsoDate } from '../../src/dates/iso-date.js';
import { Rng } from '../../src/demo/rng.js';
import { lookbackDays } from '../../src/stats/detector-method.js';
import { evaluateDay, evaluateRange } from '../../src/stats/evaluate.js';
import type { Evaluation, KnownEvent } from '../../src/stats/types.js';
import { settings } from './fixtures.js';

/**
 * The method's promises (src/stats/detector-method.ts), each on a synthetic series where
 * the truth is known: a weekly cycle with 3 % noise, then one change at a time. Each test
 * fails with the plain 10-week mean and σ the detector had before.
 */
const START = '2025-01-06' as IsoDate; // a Monday
const END = '2025-12-28' as IsoDate;
const WEEKLY = [1, 1.05, 1.08, 1.1, 1.15, 0.7, 0.6]; // Mon … Sun

function weeklySeries(seed: number, effects: (date: IsoDate, value: number) => number = (_, v) => v): Map<IsoDate, number> {
  const rng = new Rng(seed, 'detector-method-test');
  const series = new Map<IsoDate, number>();
  for (const date of dateRange(START, END)) {
    const base = 10_000 * (WEEKLY[isoWeekday(date) - 1] ?? 1) * rng.wobble(0.03);
    series.set(date, Math.round(effects(date, base)));
  }
  return series;
}

type Scored = Extract<Evaluation, { kind: 'scored' }>;
function scored(values: ReadonlyMap<IsoDate, number>, from: IsoDate, to: IsoDate): Scored[] {
  return evaluateRange(values, dateRange(from, to), settings()).filter((e): e is Scored => e.kind === 'scored');
}
const alerting = (days: readonly Scored[]): IsoDate[] => days.filter((d) => d.severity !== null && d.severity !== 'NOTICE').map((d) => d.date);

describe('the detector method', () => {
  it('a permanent level shift alerts on its first 3 days at most, then is named a level shift since its first day', () => {
    const shift = '2025-07-02' as IsoDate;
    const values = weeklySeries(1, (date, v) => (date >= shift ? v * 0.75 : v));
    const days = scored(values, addDays(shift, -14), addDays(shift, 70));
    const alerts = alerting(days);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((d) => d >= shift && d <= addDays(shift, 2))).toBe(true);
    const after = days.find((d) => d.date === addDays(shift, 5));
    expect(after?.levelShift?.since).toBe(shift);
    expect(after?.levelShift?.change).toBeLessThan(-0.2);
    expect(after?.expected).toBeLessThan(after!.baseline.mean * 0.85);
  });

  it('the return to normal after a 5-day surge is not a drop', () => {
    const surge = dateRange('2025-07-07' as IsoDate, '2025-07-11' as IsoDate);
    const values = weeklySeries(2, (date, v) => (surge.includes(date) ? v * 1.45 : v));
    const alerts = alerting(scored(values, '2025-07-01' as IsoDate, '2025-08-31' as IsoDate));
    expect(alerts.filter((d) => !surge.includes(d))).toEqual([]);
    expect(alerts[0]).toBe(surge[0]);
  });

  it('an incident repeated 4 weeks later on the same weekday scores within 25 % of the first', () => {
    const first = '2025-08-06' as IsoDate;
    const repeat = addDays(first, 28);
    const values = weeklySeries(3, (date, v) => (date === first || date === repeat ? v * 0.65 : v));
    const [a, b] = [first, repeat].map((d) => evaluateDay(values, d, settings()) as Scored);
    expect(b!.baseline.excluded).toContainEqual(expect.objectContaining({ date: first, reason: 'outlier' }));
    expect(b!.z / a!.z).toBeGreaterThan(0.75);
    expect(b!.z / a!.z).toBeLessThan(1.25);
  });

  it('a slow trend (+60 %/year) raises no WARNING', () => {
    const values = weeklySeries(4, (date, v) => v * (1 + (0.6 * (Date.parse(date) - Date.parse(START))) / (365 * 86_400_000)));
    expect(alerting(scored(values, '2025-04-01' as IsoDate, END))).toEqual([]);
  });

  it('a known-event day is left out of later baselines, annotated, and held back when its policy says hold', () => {
    const holiday = '2025-07-04' as IsoDate;
    const values = weeklySeries(5, (date, v) => (date === holiday ? v * 0.5 : v));
    const event = (hold: boolean) => (date: IsoDate): KnownEvent | undefined => (date === holiday ? { name: 'Independence Day', hold } : undefined);
    const annotated = evaluateDay(values, holiday, settings({ knownEvents: event(false) })) as Scored;
    expect(annotated.knownEvent?.name).toBe('Independence Day');
    expect(annotated.severity).toBe('CRITICAL');
    const held = evaluateDay(values, holiday, settings({ knownEvents: event(true) })) as Scored;
    expect(held.severity).toBeNull();
    expect(held.suppressedBy).toBe('known_event');
    const nextWeek = evaluateDay(values, addDays(holiday, 7), settings({ knownEvents: event(false) })) as Scored;
    expect(nextWeek.baseline.excluded).toEqual([expect.objectContaining({ date: holiday, reason: 'known_event', event: 'Independence Day' })]);
    expect(nextWeek.baseline.dates).not.toContain(holiday);
  });

  it('reads nothing older than lookbackDays: changing older values changes no evaluation', () => {
    const values = weeklySeries(6);
    const target = '2025-11-05' as IsoDate;
    const oldest = addDays(target, -lookbackDays(10));
    const altered = new Map([...values].map(([d, v]) => [d, d < oldest ? v * 3 : v]));
    expect(evaluateDay(altered, target, settings())).toEqual(evaluateDay(values, target, settings()));
    const justInside = new Map([...values].map(([d, v]) => [d, d === oldest ? v * 3 : v]));
    expect(lookbackDays(10)).toBe(220);
    expect(evaluateRange(justInside, [target], settings())).toEqual([evaluateDay(justInside, target, settings())]);
  });

  it('never leaves fewer than minPoints baseline values, however many were outliers', () => {
    const values = weeklySeries(7, (date, v) => (isoWeekday(date) === 3 && date >= '2025-09-01' && date < '2025-11-01' ? v * 2 : v));
    const day = evaluateDay(values, '2025-11-05' as IsoDate, settings()) as Scored;
    expect(day.baseline.values.length).toBeGreaterThanOrEqual(4);
  });
});
