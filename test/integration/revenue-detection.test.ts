import { expectAnomaliesReported, expectQuietCleanDays } from '../helpers/detection-assertions.js';
import { scoreGeneratedWarehouse, type ScoredWarehouse } from '../helpers/generated-warehouse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/alerts/alert.js';
import { resolveDetectorSettings } from '../../src/config/resolve-detector.js';
import type { Config } from '../../src/config/schema.js';
import { dateRange, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { type DemoSummary, type InjectedAnomaly } from '../../src/demo/generate.js';
import type { DomainSeries } from '../../src/domains/daily-series.js';
import { revenueDomain } from '../../src/domains/revenue.js';
import { fetchDomainSeries } from '../../src/run/run-domain.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';

const END = isoDate('2026-03-31');
const TIERS = ['lite', 'standard', 'pro'];
let fixture: ScoredWarehouse;
let summary: DemoSummary;
let config: Config;
let warehouse: Warehouse;
let reports: DomainReport[];
let data: DomainSeries;
let firstScored: IsoDate;

beforeAll(async () => {
  fixture = await scoreGeneratedWarehouse(revenueDomain);
  ({ summary, config, warehouse, reports, firstScored } = fixture);
  data = await fetchDomainSeries(fixture.run);
});

afterAll(async () => {
  await fixture?.close();
});

const revenueAnomalies = (): InjectedAnomaly[] => summary.anomalies.filter((a) => a.domain === 'revenue');

/**
 * Series an anomaly moves on its days: its own tier and `total`, which sums every tier
 * (the standard cancellation spike is also a total cancellation spike that day).
 */
const affectedSeries = (anomaly: InjectedAnomaly): string[] => [anomaly.series, 'total'];

async function rows(sql: string, date: IsoDate): Promise<Row[]> {
  return warehouse.query({ name: 'test', sql, params: { d: { type: 'DATE', value: date } }, labels: {} });
}

describe('revenue detection on the generated warehouse (seed 42, 150 days ending 2026-03-31)', () => {
  it('scores every day of the range from one query: total and three tiers × nine metrics', () => {
    expect(reports).toHaveLength(dateRange(firstScored, END).length);
    expect(reports.every((r) => r.status === 'ok')).toBe(true);
    expect([...data.series.keys()].sort()).toEqual(['lite', 'pro', 'standard', 'total']);
    expect(reports.every((r) => r.checked === 4 * revenueDomain.metrics.length)).toBe(true);
  });

  it('computes each metric as DOMAINS.md defines it, excluding internal rows (checked against the raw tables)', async () => {
    for (const date of [isoDate('2026-02-10'), isoDate('2026-03-12')]) {
      const events = await rows('SELECT tier, event_type, amount_usd FROM `subscription_events` WHERE dt = @d AND NOT is_internal', date);
      const snapshot = await rows('SELECT tier, mrr_usd FROM `subscriptions_daily` WHERE dt = @d AND NOT is_internal', date);
      for (const series of ['total', ...TIERS]) {
        const inSeries = (row: Row): boolean => series === 'total' || row['tier'] === series;
        const ev = events.filter(inSeries);
        const amount = (types: string[]): number => ev.filter((e) => types.includes(String(e['event_type']))).reduce((s, e) => s + Number(e['amount_usd']), 0);
        const count = (type: string): number => ev.filter((e) => e['event_type'] === type).length;
        const expected: Record<string, number> = {
          revenue: amount(['new', 'renewal', 'upgrade']) - amount(['refund']),
          new_subscriptions: count('new'),
          cancellations: count('cancellation'),
          refunds: count('refund'),
          refund_amount: amount(['refund']),
          upgrades: count('upgrade'),
          downgrades: count('downgrade'),
          mrr: snapshot.filter(inSeries).reduce((s, r) => s + Number(r['mrr_usd']), 0),
          active_subscriptions: snapshot.filter(inSeries).length,
        };
        for (const [metric, value] of Object.entries(expected)) {
          expect(data.series.get(series)?.get(metric)?.get(date), `${series} ${metric} ${date}`).toBeCloseTo(value, 2);
        }
      }
    }
  });

  it('reports every injected revenue anomaly with the right series, metric, direction and at least its severity', () => {
    const anomalies = revenueAnomalies();
    expect(anomalies.length).toBeGreaterThanOrEqual(1);
    expectAnomaliesReported(anomalies, reports);
  });

  it('stays under one alert per series per 30 clean days', () => {
    // Clean: not an anomaly day of that series, nor of `total` (which contains every tier).
    const anomalyDays = new Set(revenueAnomalies().flatMap((a) => dateRange(a.start, a.end).flatMap((d) => affectedSeries(a).map((s) => `${s}@${d}`))));
    expectQuietCleanDays(reports, revenueDomain.knownSeries.map((s) => s.key), (series, date) => !anomalyDays.has(`${series}@${date}`));
  });

  it('alerts on each metric only in the direction that is bad for the business', () => {
    const expected: Record<string, string> = {
      revenue: 'down', cancellations: 'up', refunds: 'up', refund_amount: 'up', upgrades: 'down', downgrades: 'up',
      new_subscriptions: 'both', mrr: 'both', active_subscriptions: 'both',
    };
    for (const metric of revenueDomain.metrics) {
      expect(resolveDetectorSettings(config, 'revenue', 'total', metric.name).direction, metric.name).toBe(expected[metric.name]);
    }
    // A tier's sign-ups fall to 0 on ordinary days (a few a day, paused while the tier is
    // above its size), so only the total's sign-up drops are judged.
    for (const tier of TIERS) expect(resolveDetectorSettings(config, 'revenue', tier, 'new_subscriptions').direction).toBe('up');
  });
});
