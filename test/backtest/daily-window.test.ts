import { describe, expect, it } from 'vitest';
import { applyLifecycle, LIFECYCLE_HISTORY_DAYS } from '../../src/alerts/lifecycle.js';
import { replayRange } from '../../src/backtest/backtest-domain.js';
import { loadConfig } from '../../src/config/load.js';
import { addDays, dateRange, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { buildDomainSeries } from '../../src/domains/daily-series.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import { detectDomain, maxLookbackDays } from '../../src/run/detect-domain.js';
import { scoreRange } from '../../src/run/run-domain.js';
import { scanConfig, scanDomain } from '../../src/scan/scan-domain.js';
import type { Row } from '../../src/warehouse/types.js';

/**
 * A series that goes dormant (rows of 0 for six weeks, as a cross join gives an org that
 * stopped) and comes back. A daily run whose window starts inside the dormant weeks sees
 * the series begin at its return (buildDomainSeries: a series exists from its first
 * activity in the window), so its baseline has no zeros; a year-long build has them. The
 * backtest must give each day what its daily run gives.
 */
const domain = scanDomain('count', 'value');
// A 2-week baseline (lookback 52 days) so that the dormant zeros sit in the daily runs'
// own baselines, not only at the far edge of the 220-day reach of the 10-week default.
const loaded = loadConfig({ knownDomains: DOMAIN_NAMES }).config;
const config = scanConfig({ ...loaded, scan: { defaults: { baseline: { weeks: 2, minPoints: 2 } } } }, undefined);
const start = isoDate('2024-01-01');
const end = isoDate('2024-08-31');
const dormant = { from: isoDate('2024-04-01'), to: isoDate('2024-05-15') };

function value(date: IsoDate, i: number): number {
  if (date >= dormant.from && date <= dormant.to) return 0;
  // A small weekly wobble, and a +30 % day every 9th day after the return: alerts against
  // a baseline of active days, nothing against one with zeros in it.
  const base = 100 + ((i * 7) % 5);
  return date > dormant.to && i % 9 === 0 ? Math.round(base * 1.3) : base;
}

const rows: Row[] = dateRange(start, end).map((dt, i) => ({ dt, series: 'a', value: value(dt, i) }));
const lookback = LIFECYCLE_HISTORY_DAYS + maxLookbackDays(domain, config);

/** The daily run for `date`: only its own window of rows, 14 days of history, the lifecycle. */
function dailyRun(date: IsoDate) {
  const data = buildDomainSeries(domain, rows.filter((r) => (r['dt'] as string) >= addDays(date, -lookback) && (r['dt'] as string) <= date));
  const reports = scoreRange({ domain, config, from: addDays(date, -LIFECYCLE_HISTORY_DAYS), to: date }, data);
  const report = reports[reports.length - 1];
  if (report === undefined) throw new Error('no report');
  return { report, sent: applyLifecycle(report, reports.slice(0, -1), config.slack).alerts };
}

describe('backtest: a day is scored on its daily run’s own window', () => {
  // Daily windows (lookback + 14 days = 66) starting inside the dormant weeks: run dates 2024-06-06 … 2024-07-20.
  const from = isoDate('2024-06-01');
  const backtest = replayRange({ domain, config, from, to: end }, buildDomainSeries(domain, rows));

  it('equals the daily run on every day, dormant window starts included', () => {
    for (const day of backtest.days) {
      const daily = dailyRun(day.report.date);
      expect({ date: day.report.date, report: day.report }).toEqual({ date: day.report.date, report: { ...daily.report, ...(day.report.resolved ? { resolved: day.report.resolved } : {}) } });
      expect(day.sent).toEqual(daily.sent);
    }
  });

  it('would not, scored on the whole range: the dormant zeros change the reports', () => {
    const whole = buildDomainSeries(domain, rows);
    const differing = backtest.days.filter((day) => {
      const { resolved: _resolved, ...report } = day.report;
      return JSON.stringify(detectDomain(domain, config, whole, day.report.date)) !== JSON.stringify(report);
    });
    expect(differing.length).toBeGreaterThan(0);
  });
});
