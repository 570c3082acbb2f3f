import { expectAnomaliesReported, expectQuietCleanDays } from '../helpers/detection-assertions.js';
import { scoreGeneratedWarehouse, type ScoredWarehouse } from '../helpers/generated-warehouse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/alerts/alert.js';
import type { Config } from '../../src/config/schema.js';
import { dateRange, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { type DemoSummary, type InjectedAnomaly } from '../../src/demo/generate.js';
import { apiRuntimeDomain } from '../../src/domains/api-runtime.js';
import { buildDomainQuery } from '../../src/run/run-domain.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';

const END = isoDate('2026-03-31');
const DEMO_ENDPOINTS = ['/v1/chat', '/v1/embeddings', '/v1/images', '/v1/upscale', '/v1/video'];

let fixture: ScoredWarehouse;
let summary: DemoSummary;
let config: Config;
let warehouse: Warehouse;
let reports: DomainReport[];
let firstScored: IsoDate;

beforeAll(async () => {
  fixture = await scoreGeneratedWarehouse(apiRuntimeDomain);
  ({ summary, config, warehouse, reports, firstScored } = fixture);
});

afterAll(async () => {
  await fixture?.close();
});

const apiAnomalies = (): InjectedAnomaly[] => summary.anomalies.filter((a) => a.domain === 'api-runtime');

/**
 * The series an anomaly moves on its days, as the anomaly plan documents them: its own;
 * the API total when it sits on one endpoint (the /v1/video latency regression also moves
 * total p95/p99 and p95 inference); and its root-cause endpoint when it is API-wide (the
 * infrastructure-error burst is all on /v1/images, so it also moves total error_rate and
 * the /v1/images error rates).
 */
function affectedSeries(anomaly: InjectedAnomaly): string[] {
  const rootEndpoint = anomaly.rootCause?.dimension === 'endpoint' ? [anomaly.rootCause.member] : [];
  return [...new Set([anomaly.series, 'total', ...rootEndpoint])];
}

describe('api-runtime detection on the generated warehouse (seed 42, 150 days ending 2026-03-31)', () => {
  it('scores the total and every endpoint on every day of the range from one query', () => {
    expect(reports).toHaveLength(dateRange(firstScored, END).length);
    expect(reports.every((r) => r.status === 'ok')).toBe(true);
    expect(reports.every((r) => r.checked === 60)).toBe(true); // (total + 5 endpoints) × 10 metrics
  });

  it('reports every injected api-runtime anomaly with the right series, metric, direction and at least its severity', () => {
    const anomalies = apiAnomalies();
    expect(anomalies.length).toBeGreaterThanOrEqual(2);
    expectAnomaliesReported(anomalies, reports);
  });

  it('stays under one alert per series per 30 clean days', () => {
    // Clean = no anomaly on that series that day, counting the documented knock-on series
    // (affectedSeries): alerts there on the anomaly's day are explained, not false.
    const explained = new Set(apiAnomalies().flatMap((a) => dateRange(a.start, a.end).flatMap((d) => affectedSeries(a).map((s) => `${s}@${d}`))));
    expectQuietCleanDays(reports, ['total', ...DEMO_ENDPOINTS], (series, date) => !explained.has(`${series}@${date}`));
  });

  it('on anomaly days alerts only on the documented series', () => {
    for (const anomaly of apiAnomalies()) {
      const alerted = reports.find((r) => r.date === anomaly.start)?.alerts.map((a) => a.series) ?? [];
      expect(new Set(alerted), anomaly.id).toEqual(new Set(affectedSeries(anomaly)));
    }
  });

  it('alerts on latency and errors only when they rise; requests both ways', () => {
    const downs = reports.flatMap((r) => r.alerts.filter((a) => a.direction === 'down' && a.metric !== 'requests'));
    expect(downs).toEqual([]);
  });
});

describe('api-runtime query against a hand count of the raw requests', () => {
  it('counts external requests only, splits errors by source and orders percentiles', async () => {
    // The infrastructure-error burst: plenty of errors of every kind to count.
    const day = apiAnomalies().find((a) => a.id === 'api-infra-error-burst')?.start ?? END;
    const sqlRows = await warehouse.query(buildDomainQuery({ domain: apiRuntimeDomain, config, from: day, to: day, toolVersion: 'test' }));
    const raw = await warehouse.query({
      name: 'api-runtime hand check',
      sql: 'SELECT endpoint, result, error_source, is_internal FROM `api_requests` WHERE dt BETWEEN @day AND @day',
      params: { day: { type: 'DATE', value: day } },
      labels: {},
    });
    expect(raw.some((r) => r['is_internal'] === true)).toBe(true); // the exclusion is exercised
    const external = raw.filter((r) => r['is_internal'] === false);
    const rowFor = (series: string): Row | undefined => sqlRows.find((r) => r['dt'] === day && r['endpoint'] === series);
    for (const series of ['total', ...DEMO_ENDPOINTS]) {
      const requests = external.filter((r) => series === 'total' || r['endpoint'] === series);
      const share = (keep: (r: Row) => boolean): number => requests.filter(keep).length / requests.length;
      const row = rowFor(series);
      expect(row?.['requests'], series).toBe(requests.length);
      expect(row?.['error_rate'], series).toBeCloseTo(share((r) => r['result'] !== 'success'), 12);
      expect(row?.['infra_error_rate'], series).toBeCloseTo(share((r) => r['error_source'] === 'infrastructure'), 12);
      expect(row?.['applicative_error_rate'], series).toBeCloseTo(share((r) => r['error_source'] === 'applicative'), 12);
      expect(row?.['timeout_rate'], series).toBeCloseTo(share((r) => r['result'] === 'timeout'), 12);
      const [p50, p95, p99] = ['p50_processing_ms', 'p95_processing_ms', 'p99_processing_ms'].map((m) => Number(row?.[m]));
      expect(p50, series).toBeLessThanOrEqual(p95 ?? 0);
      expect(p95, series).toBeLessThanOrEqual(p99 ?? 0);
    }
  });
});
