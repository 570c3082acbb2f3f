import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isWeekend, isoDate, isoWeekday, type IsoDate } from '../../src/dates/iso-date.js';
import { DEMO_HEAVY_WINDOW_DAYS, DEMO_MIN_HISTORY_DAYS } from '../../src/demo/constants.js';
import { DemoError } from '../../src/demo/errors.js';
import { plannedAnomalies, type InjectedAnomaly } from '../../src/demo/generate.js';

const endDates = fc
  .integer({ min: 0, max: 3 * 365 })
  .map((offset) => addDays(isoDate('2025-01-01'), offset));
const windowLengths = fc.integer({ min: 120, max: 400 });

function datesOf(anomaly: InjectedAnomaly): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = anomaly.start; d <= anomaly.end; d = addDays(d, 1)) out.push(d);
  return out;
}

const seriesOf = (a: InjectedAnomaly): string => `${a.domain}/${a.series}`;

describe('plannedAnomalies', () => {
  it('places every anomaly inside the window with at least 75 days of history', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), windowLengths, endDates, (seed, days, end) => {
        const start = addDays(end, -(days - 1));
        for (const anomaly of plannedAnomalies({ seed, days, end })) {
          expect(anomaly.start >= start && anomaly.end <= end).toBe(true);
          expect(anomaly.start <= anomaly.end).toBe(true);
          expect(daysBetween(start, anomaly.start)).toBeGreaterThanOrEqual(DEMO_MIN_HISTORY_DAYS);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('puts enterprise anomalies on weekdays and the free image spike on the last day', () => {
    fc.assert(
      fc.property(windowLengths, endDates, (days, end) => {
        const anomalies = plannedAnomalies({ seed: 42, days, end });
        const enterprise = anomalies.filter((a) => a.domain === 'enterprise' || a.series.startsWith('enterprise_'));
        expect(enterprise.length).toBeGreaterThanOrEqual(4);
        for (const anomaly of enterprise) for (const date of datesOf(anomaly)) expect(isWeekend(date)).toBe(false);
        const lastDay = anomalies.filter((a) => a.start === end);
        expect(lastDay.map((a) => `${a.series}/${a.metric}`)).toContain('free/image_generations');
      }),
      { numRuns: 60 },
    );
  });

  it('makes the churn-risk silence three consecutive weekdays', () => {
    fc.assert(
      fc.property(windowLengths, endDates, (days, end) => {
        const churn = plannedAnomalies({ seed: 3, days, end }).find((a) => a.id === 'enterprise-org-churn-risk');
        expect(churn).toBeDefined();
        const dates = datesOf(churn as InjectedAnomaly);
        expect(dates).toHaveLength(3);
        expect(dates.every((date) => !isWeekend(date))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps anomalies of one series apart and out of each other’s same-weekday baselines', () => {
    fc.assert(
      fc.property(windowLengths, endDates, (days, end) => {
        const anomalies = plannedAnomalies({ seed: 9, days, end });
        anomalies.forEach((a, i) => {
          anomalies.slice(i + 1).forEach((b) => {
            if (seriesOf(a) !== seriesOf(b)) return;
            for (const da of datesOf(a)) {
              for (const db of datesOf(b)) {
                const gap = Math.abs(daysBetween(da, db));
                expect(gap).toBeGreaterThan(0);
                // Same weekday within 10 weeks would put one in the other's baseline.
                expect(gap % 7 === 0 && gap <= 70).toBe(false);
              }
            }
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('gives the Heavy anomaly complete 28-day token windows behind its whole baseline', () => {
    const days = 120;
    const end = isoDate('2026-11-24');
    const heavy = plannedAnomalies({ seed: 1, days, end }).find((a) => a.series === 'heavy');
    const start = addDays(end, -(days - 1));
    const firstBaselineDay = addDays((heavy as InjectedAnomaly).start, -70);
    expect(daysBetween(start, firstBaselineDay)).toBeGreaterThanOrEqual(DEMO_HEAVY_WINDOW_DAYS - 1);
  });

  it('names the root cause the generator uses and stays the same for the same options', () => {
    const options = { seed: 42, days: 150, end: isoDate('2026-11-24') };
    const first = plannedAnomalies(options);
    expect(plannedAnomalies(options)).toEqual(first);
    const contract = first.find((a) => a.id === 'usage-enterprise-contract-dau-drop');
    expect(contract?.rootCause?.dimension).toBe('org');
    expect(first.find((a) => a.id === 'enterprise-largest-org-silent')?.series).toBe(contract?.rootCause?.member);
    expect(first.find((a) => a.id === 'gpu-studio-idle-spike')?.rootCause).toEqual({ dimension: 'process', member: 'video-render' });
    expect(new Set(first.map((a) => a.id)).size).toBe(first.length);
    expect(first.map((a) => `${a.start} ${a.id}`)).toEqual(first.map((a) => `${a.start} ${a.id}`).sort());
    expect(isoWeekday(contract?.start as IsoDate)).toBeLessThanOrEqual(5);
  });

  it('refuses windows too short to hold the ground truth, and bad dates', () => {
    const end = isoDate('2026-11-24');
    expect(() => plannedAnomalies({ seed: 1, days: 119, end })).toThrow(DemoError);
    expect(() => plannedAnomalies({ seed: 1.5, days: 150, end })).toThrow(/seed/);
    expect(() => plannedAnomalies({ seed: 1, days: 150, end: '2026-02-30' as IsoDate })).toThrow(/date/);
  });
});

describe('plannedAnomalies across orgs', () => {
  it('never puts the contract-wide drop on a weekday of the churn-risk silence', () => {
    fc.assert(
      fc.property(windowLengths, endDates, (days, end) => {
        const anomalies = plannedAnomalies({ seed: 11, days, end });
        const drop = anomalies.find((a) => a.id === 'usage-enterprise-contract-dau-drop') as InjectedAnomaly;
        const churn = anomalies.find((a) => a.id === 'enterprise-org-churn-risk') as InjectedAnomaly;
        const churnWeekdays = datesOf(churn).map((date) => isoWeekday(date));
        expect(churnWeekdays).not.toContain(isoWeekday(drop.start));
      }),
      { numRuns: 40 },
    );
  });
});
