import { expectAnomaliesReported, expectQuietCleanDays } from '../helpers/detection-assertions.js';
import { scoreGeneratedWarehouse, type ScoredWarehouse } from '../helpers/generated-warehouse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/alerts/alert.js';
import { dateRange, isoDate } from '../../src/dates/iso-date.js';
import { type DemoSummary, type InjectedAnomaly } from '../../src/demo/generate.js';
import { usageDomain } from '../../src/domains/usage.js';

const END = isoDate('2026-03-31');
let fixture: ScoredWarehouse;
let summary: DemoSummary;
let reports: DomainReport[];
let firstScored: string;

beforeAll(async () => {
  fixture = await scoreGeneratedWarehouse(usageDomain);
  ({ summary, reports, firstScored } = fixture);
});

afterAll(async () => {
  await fixture?.close();
});

const usageAnomalies = (): InjectedAnomaly[] => summary.anomalies.filter((a) => a.domain === 'usage');

describe('usage detection on the generated warehouse (seed 42, 150 days ending 2026-03-31)', () => {
  it('scores every day of the range from one query', () => {
    expect(reports).toHaveLength(dateRange(isoDate(firstScored), END).length);
    expect(reports.every((r) => r.status === 'ok')).toBe(true);
    expect(reports.every((r) => r.checked === 20)).toBe(true); // 5 segments × 4 metrics
  });

  it('reports every injected usage anomaly with the right series, metric, direction and at least its severity', () => {
    const anomalies = usageAnomalies();
    expect(anomalies.length).toBeGreaterThanOrEqual(5);
    expectAnomaliesReported(anomalies, reports);
  });

  it('stays under one alert per series per 30 clean days', () => {
    const anomalyDays = new Set(usageAnomalies().flatMap((a) => dateRange(a.start, a.end).map((d) => `${a.series}@${d}`)));
    expectQuietCleanDays(reports, usageDomain.knownSeries.map((s) => s.key), (series, date) => !anomalyDays.has(`${series}@${date}`));
  });

  it('never alerts on enterprise segments at weekends', () => {
    const weekendEnterprise = reports
      .filter((r) => [6, 7].includes(new Date(`${r.date}T00:00:00Z`).getUTCDay() || 7))
      .flatMap((r) => r.alerts.filter((a) => a.series.startsWith('enterprise_')));
    expect(weekendEnterprise).toEqual([]);
  });
});
