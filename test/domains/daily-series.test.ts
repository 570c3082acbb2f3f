import { describe, expect, it } from 'vitest';
import { dateRange, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { buildDomainSeries } from '../../src/domains/daily-series.js';
import type { DomainDefinition } from '../../src/domains/types.js';
import type { Row } from '../../src/warehouse/types.js';

/** A two-metric domain: one count, one ratio, one data-quality column feeding the count. */
const domain: DomainDefinition = {
  name: 'toy',
  title: 'Toy',
  sqlFile: 'toy.sql',
  seriesColumn: 'series',
  knownSeries: [{ key: 'old', label: 'Old' }],
  seriesFromData: true,
  metrics: [
    { name: 'requests', label: 'Requests', kind: 'count' },
    { name: 'error_rate', label: 'Error rate', kind: 'ratio' },
  ],
  qualityChecks: [{ column: 'dq_bad', problem: 'rows with a bad value', metrics: ['requests'] }],
  drillDown: { sqlFile: 'toy-drill.sql', dimensions: () => [], combine: { requests: 'sum', error_rate: 'sum' } },
  lagDays: 1,
  queryParams: () => ({}),
};

const days = dateRange(isoDate('2026-03-01'), isoDate('2026-03-20'));
const row = (dt: IsoDate, series: string, requests: number | null, extra: Partial<Row> = {}): Row => ({
  dt,
  series,
  requests,
  error_rate: requests === null ? null : 0.01,
  dq_bad: 0,
  ...extra,
});

describe('buildDomainSeries', () => {
  it('a series exists from its first active row: no zero baseline before it, zeros inside its life', () => {
    const rows = [
      ...days.map((d) => row(d, 'old', 100)),
      // "new" launches on the 11th, is silent on the 15th (a real zero), active again after.
      ...days.filter((d) => d >= '2026-03-11' && d !== '2026-03-15').map((d) => row(d, 'new', 50)),
    ];
    const data = buildDomainSeries(domain, rows);
    const requests = data.series.get('new')?.get('requests');
    expect(data.firstActive.get('new')).toBe('2026-03-11');
    expect(requests?.has(isoDate('2026-03-10'))).toBe(false);
    expect(requests?.get(isoDate('2026-03-15'))).toBe(0);
    expect(requests?.size).toBe(10);
    // Ratios are never zero-filled.
    expect(data.series.get('new')?.get('error_rate')?.has(isoDate('2026-03-15'))).toBe(false);
  });

  it('rows of zeros before the first activity (a cross join) are not history', () => {
    const rows = days.map((d) => row(d, 'org', d < '2026-03-18' ? 0 : 7, { error_rate: d < '2026-03-18' ? 0 : 0.1 }));
    const data = buildDomainSeries(domain, rows);
    expect([...(data.series.get('org')?.get('requests')?.keys() ?? [])]).toEqual(['2026-03-18', '2026-03-19', '2026-03-20']);
    expect(data.series.get('org')?.get('error_rate')?.size).toBe(3);
  });

  it('NaN, ±Infinity, negative counts and data-quality counts are kept out and reported', () => {
    const rows = [
      ...days.map((d) => row(d, 'old', 100)),
      row(isoDate('2026-03-21'), 'old', Number.NaN),
      row(isoDate('2026-03-22'), 'old', -3),
      row(isoDate('2026-03-23'), 'old', 100, { error_rate: Number.POSITIVE_INFINITY }),
      row(isoDate('2026-03-24'), 'old', 100, { dq_bad: 2 }),
    ];
    const data = buildDomainSeries(domain, rows);
    const requests = data.series.get('old')?.get('requests');
    for (const day of ['2026-03-21', '2026-03-22', '2026-03-24'] as const) expect(requests?.has(isoDate(day))).toBe(false);
    const problems = data.quality.get('old');
    expect(problems?.get('requests')?.get(isoDate('2026-03-21'))).toEqual(['requests is NaN (a NaN in its source rows)']);
    expect(problems?.get('requests')?.get(isoDate('2026-03-22'))).toEqual(['requests is negative (-3): a count cannot be']);
    expect(problems?.get('error_rate')?.get(isoDate('2026-03-23'))).toEqual(['error_rate is +Infinity (an infinite source value)']);
    expect(problems?.get('requests')?.get(isoDate('2026-03-24'))).toEqual(['2 rows with a bad value']);
    // The ratio of the day with bad counts is still fine: checks name the metrics they spoil.
    expect(data.series.get('old')?.get('error_rate')?.get(isoDate('2026-03-24'))).toBe(0.01);
  });

  it('refuses a query that lacks a declared data-quality column', () => {
    expect(() => buildDomainSeries(domain, [{ dt: '2026-03-01', series: 'old', requests: 1, error_rate: 0 }])).toThrow(/no data-quality column dq_bad/);
  });
});
