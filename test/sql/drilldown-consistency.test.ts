import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateRange, type IsoDate } from '../../src/dates/iso-date.js';
import { DOMAINS } from '../../src/domains/registry.js';
import type { DomainDefinition, MetricDefinition } from '../../src/domains/types.js';
import { buildDrillDownQuery } from '../../src/rootcause/drilldown-query.js';
import { buildDomainQuery } from '../../src/run/run-domain.js';
import type { Row, Scalar } from '../../src/warehouse/types.js';
import { openGeneratedWarehouse, type GeneratedWarehouse } from '../helpers/generated-warehouse.js';

/**
 * sql/drilldown/<domain>.sql against sql/<domain>.sql on the generated fixture (real
 * DuckDB, real SQL): the members of every (dt, series, dimension) must add up to the main
 * query's value for each additive metric, so root-cause shares explain the alerted number
 * exactly; weighted metrics (percentiles) must be each member's own plausible value.
 */

let fixture: GeneratedWarehouse;

beforeAll(async () => {
  fixture = await openGeneratedWarehouse();
});

afterAll(async () => {
  await fixture?.close();
});

const KEY_COLUMNS = ['dt', 'series', 'dimension', 'member'];

/**
 * The days drilled for a domain: its injected anomaly days and the same weekday a week
 * before (a baseline day: @dates is not contiguous), the first generated day (no day
 * before it: total_cost_dod is NULL), two consecutive weekdays (a day and its previous
 * day both requested) and a Sunday.
 */
function drillDates(domain: DomainDefinition): IsoDate[] {
  const anomalyDays = fixture
    .anomaliesOf(domain.name)
    .flatMap((a) => dateRange(a.start, a.end))
    .flatMap((d) => [d, addDays(d, -7)]);
  const ordinary = ['2026-03-10', '2026-03-11', '2026-03-15'] as IsoDate[];
  return [...new Set([...anomalyDays, fixture.summary.start, ...ordinary])].sort();
}

const num = (value: Scalar | undefined): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Exact up to float summation order; money ('amount') may be rounded to cents per row
 * (revenue.sql rounds each series, the drill-down each tier), so half a cent per member.
 */
function tolerance(metric: MetricDefinition, expected: number, members: number): number {
  return 1e-9 * Math.max(1, Math.abs(expected)) + (metric.kind === 'amount' ? 0.005 * members : 0);
}

interface DomainRun {
  readonly dates: IsoDate[];
  readonly series: string[];
  readonly main: Row[];
  readonly drill: Row[];
  /** The drill-down rows of one (dt, series, dimension). */
  members(dt: Scalar | undefined, series: string, dimension: string): Row[];
}

const groupKey = (dt: Scalar | undefined, series: Scalar | undefined, dimension: Scalar | undefined): string =>
  [dt, series, dimension].map(String).join('\u0000');

async function runDomain(domain: DomainDefinition, options: { series?: (all: string[]) => string[]; dates?: IsoDate[] } = {}): Promise<DomainRun> {
  const dates = options.dates ?? drillDates(domain);
  const from = dates[0] as IsoDate;
  const to = dates.at(-1) as IsoDate;
  const { config, warehouse } = fixture;
  // The main query over the whole span (its own look-back included), kept to the drilled days.
  const main = (await warehouse.query(buildDomainQuery({ domain, config, from, to, toolVersion: 'test' }))).filter((r) =>
    dates.includes(r['dt'] as IsoDate),
  );
  const allSeries = [...new Set(main.map((r) => String(r[domain.seriesColumn])))].sort();
  const series = options.series ? options.series(allSeries) : allSeries;
  const drill = await warehouse.query(buildDrillDownQuery({ domain, config, series, dates, toolVersion: 'test' }));
  const groups = new Map<string, Row[]>();
  for (const row of drill) {
    const key = groupKey(row['dt'], row['series'], row['dimension']);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return { dates, series, main, drill, members: (dt, s, dimension) => groups.get(groupKey(dt, s, dimension)) ?? [] };
}

describe.each(DOMAINS.map((d) => [d.name, d] as const))('%s drill-down on the generated warehouse', (_name, domain) => {
  let run: DomainRun;
  const sumMetrics = domain.metrics.filter((m) => domain.drillDown.combine[m.name] === 'sum');
  const weightedMetrics = domain.metrics.filter((m) => domain.drillDown.combine[m.name] !== 'sum');
  const drilled = (series: string): boolean => domain.drillDown.dimensions(series).length > 0;

  beforeAll(async () => {
    // Every series the main query has on those days, those without a dimension included
    // (revenue's tiers): they must come back with no row, or only declared dimensions.
    run = await runDomain(domain);
  });

  it('returns exactly the contract columns, one row per (dt, series, dimension, member), in order', () => {
    expect(run.drill.length).toBeGreaterThan(0);
    const columns = [...KEY_COLUMNS, ...domain.metrics.map((m) => m.name).sort()];
    expect(run.drill.filter((r) => Object.keys(r).slice(0, 4).concat(Object.keys(r).slice(4).sort()).join() !== columns.join())).toEqual([]);
    expect(run.drill.filter((r) => KEY_COLUMNS.some((c) => typeof r[c] !== 'string'))).toEqual([]);
    const keys = run.drill.map((r) => KEY_COLUMNS.map((c) => String(r[c])).join('\u0000'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('returns only the requested series and days', () => {
    const series = new Set<Scalar | undefined>(run.series);
    const dates = new Set<Scalar | undefined>(run.dates);
    expect(run.drill.filter((r) => !series.has(r['series']) || !dates.has(r['dt']))).toEqual([]);
    // @dates is not contiguous: the days between requested days are read, never returned.
    expect(run.dates.length).toBeLessThan(dateRange(run.dates[0] as IsoDate, run.dates.at(-1) as IsoDate).length);
  });

  it('breaks each series down by exactly the dimensions the domain declares', () => {
    const pairs = new Set(run.drill.map((r) => `${String(r['series'])} / ${String(r['dimension'])}`));
    for (const pair of pairs) {
      const [series = '', dimension] = pair.split(' / ');
      expect(domain.drillDown.dimensions(series), pair).toContain(dimension);
    }
    // A series with activity has at least one member in each of its dimensions.
    for (const mainRow of run.main) {
      const series = String(mainRow[domain.seriesColumn]);
      if (!drilled(series) || sumMetrics.every((m) => !num(mainRow[m.name]))) continue;
      const missing = domain.drillDown.dimensions(series).filter((d) => run.members(mainRow['dt'], series, d).length === 0);
      expect(missing, `${series} on ${String(mainRow['dt'])}`).toEqual([]);
    }
  });

  it("members of every dimension add up to the main query's value for each additive metric", () => {
    let checked = 0;
    for (const mainRow of run.main) {
      const series = String(mainRow[domain.seriesColumn]);
      if (!drilled(series)) continue;
      for (const dimension of domain.drillDown.dimensions(series)) {
        const members = run.members(mainRow['dt'], series, dimension);
        for (const metric of sumMetrics) {
          const where = `${series} / ${dimension} / ${metric.name} on ${String(mainRow['dt'])}`;
          const expected = num(mainRow[metric.name]);
          const values = members.map((r) => num(r[metric.name]));
          if (expected === null) {
            // Undefined for the series (e.g. total_cost_dod without a previous day): undefined for every member.
            expect(values.every((v) => v === null), where).toBe(true);
            continue;
          }
          expect(values.every((v) => v !== null), where).toBe(true);
          const sum = values.reduce<number>((total, v) => total + (v ?? 0), 0);
          expect(Math.abs(sum - expected), `${where}: members sum to ${sum}, series is ${expected}`).toBeLessThanOrEqual(
            tolerance(metric, expected, members.length),
          );
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  // Defined only where it applies (a skipped test would read as a hole in the suite).
  if (weightedMetrics.length > 0) it('gives every member with traffic its own plausible value for weighted metrics', () => {
    for (const mainRow of run.main) {
      const series = String(mainRow[domain.seriesColumn]);
      if (!drilled(series)) continue;
      for (const dimension of domain.drillDown.dimensions(series)) {
        const members = run.members(mainRow['dt'], series, dimension);
        for (const metric of weightedMetrics) {
          const combine = domain.drillDown.combine[metric.name];
          const weight = typeof combine === 'object' ? combine.weightedBy : '';
          const where = `${series} / ${dimension} / ${metric.name} on ${String(mainRow['dt'])}`;
          // The weight itself is additive: the members' volumes are the series' volume.
          expect(members.reduce((total, r) => total + (num(r[weight]) ?? 0), 0), where).toBe(num(mainRow[weight]));
          const values = members.filter((r) => (num(r[weight]) ?? 0) > 0).map((r) => num(r[metric.name]));
          expect(values.every((v) => v !== null && v >= 0), where).toBe(true);
          // A percentile of a mixture lies between its components' percentiles.
          const expected = num(mainRow[metric.name]);
          if (expected === null || values.length === 0) continue;
          const own = values as number[];
          expect(expected, where).toBeGreaterThanOrEqual(Math.min(...own));
          expect(expected, where).toBeLessThanOrEqual(Math.max(...own));
        }
      }
    }
  });

  if (domain.metrics.some((m) => m.name === 'p50_processing_ms')) it('orders each member’s percentiles p50 ≤ p95 ≤ p99', () => {
    const disordered = run.drill.filter((r) => {
      const p50 = num(r['p50_processing_ms']);
      const p95 = num(r['p95_processing_ms']);
      const p99 = num(r['p99_processing_ms']);
      return (num(r['requests']) ?? 0) > 0 && !(p50 !== null && p95 !== null && p99 !== null && p50 <= p95 && p95 <= p99);
    });
    expect(disordered).toEqual([]);
  });

  it('puts the injected root cause on top: the member whose additive piece moved most from a week before', () => {
    // DOMAINS.md's drill-downs are there to name the cause; the generator records it.
    const explained = fixture
      .anomaliesOf(domain.name)
      .filter((a) => a.rootCause !== null && domain.drillDown.dimensions(a.series).includes(a.rootCause.dimension))
      .filter((a) => domain.drillDown.combine[a.metric] === 'sum');
    for (const anomaly of explained) {
      const { dimension, member } = anomaly.rootCause ?? { dimension: '', member: '' };
      const valueOn = (date: IsoDate): Map<string, number> =>
        new Map(run.members(date, anomaly.series, dimension).map((r) => [String(r['member']), num(r[anomaly.metric]) ?? 0]));
      const now = valueOn(anomaly.start);
      const before = valueOn(addDays(anomaly.start, -7));
      const changes = [...new Set([...now.keys(), ...before.keys()])].map((m) => [m, (now.get(m) ?? 0) - (before.get(m) ?? 0)] as const);
      const top = changes.reduce((best, c) => (Math.abs(c[1]) > Math.abs(best[1]) ? c : best), ['', 0] as readonly [string, number]);
      expect(top[0], `${anomaly.id}: ${dimension} members' change in ${anomaly.metric}`).toBe(member);
    }
  });

  it('returns no row for a series the domain does not break down', async () => {
    const flat = run.main.map((r) => String(r[domain.seriesColumn])).filter((s) => !drilled(s));
    if (flat.length === 0) return;
    const only = await runDomain(domain, { series: () => [...new Set(flat)], dates: run.dates });
    expect(only.drill).toEqual([]);
  });

  it('returns the same rows for a subset of series and days as the full request had for them', async () => {
    // Every other series with a dimension, and the last anomaly day with its baseline day a
    // week before: nothing else may come back, and the rows must not depend on what else
    // was asked (the look-backs key off the earliest requested day).
    const lastAnomaly = fixture.anomaliesOf(domain.name).at(-1)?.end as IsoDate;
    const subsetDates = [addDays(lastAnomaly, -7), lastAnomaly];
    const subset = await runDomain(domain, { series: (all) => all.filter(drilled).filter((_, i) => i % 2 === 0), dates: subsetDates });
    expect(subset.series.length).toBeGreaterThan(0);
    const wanted = (r: Row): boolean => subset.series.includes(String(r['series'])) && subsetDates.includes(r['dt'] as IsoDate);
    expect(subset.drill.every(wanted)).toBe(true);
    const expected = run.drill.filter(wanted);
    expect(subset.drill.map((r) => KEY_COLUMNS.map((c) => r[c]))).toEqual(expected.map((r) => KEY_COLUMNS.map((c) => r[c])));
    subset.drill.forEach((row, i) => {
      for (const metric of domain.metrics) {
        const a = num(row[metric.name]);
        const b = num(expected[i]?.[metric.name]);
        if (a === null || b === null) expect(a, metric.name).toBe(b);
        else expect(Math.abs(a - b), metric.name).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      }
    });
  });
});
