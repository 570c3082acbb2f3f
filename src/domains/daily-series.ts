import { isoDate, type IsoDate } from '../dates/iso-date.js';
import { WarehouseError } from '../errors.js';
import type { DailyValues } from '../stats/types.js';
import type { Row } from '../warehouse/types.js';
import type { DomainDefinition, MetricDefinition } from './types.js';

/** series key → metric → date → what was wrong with that day's value (one line per problem). */
export type QualityProblems = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<IsoDate, readonly string[]>>>;

/** A domain's query result as series: series key → metric → date → value. */
export interface DomainSeries {
  /** Days on which the domain returned any row at all; other days are missing data. */
  readonly datesWithData: ReadonlySet<IsoDate>;
  readonly series: ReadonlyMap<string, ReadonlyMap<string, DailyValues>>;
  /** Series key → its group (the domain's groupColumn), when the domain has one. */
  readonly groups: ReadonlyMap<string, string>;
  /**
   * Values that could not be trusted (README "Data quality"): they are absent from
   * `series` (never scored, never in a baseline) and reported as findings.
   */
  readonly quality: QualityProblems;
  /** Series key → the first day it had any activity; before it the series did not exist. */
  readonly firstActive: ReadonlyMap<string, IsoDate>;
  /** Series key → every day it had activity, ascending (a backtest finds each daily window's first). */
  readonly activeDates: ReadonlyMap<string, readonly IsoDate[]>;
}

/**
 * Turns rows (one per dt × series) into daily values.
 *
 * A series exists from its first row with any activity (a non-zero count or amount): a
 * tier, org or endpoint launched ten days ago has ten days of history, not sixty days of
 * zeros that would make its first real day a +9900 % CRITICAL. From then on, a day that has
 * data but no row for the series is zero activity for additive metrics (a real zero: an org
 * that went silent), and missing for ratios and percentiles. A NULL metric value is missing.
 *
 * Untrustworthy values are kept out of the series and recorded in `quality`: a non-finite
 * value (NaN, ±Infinity), a negative count, or a non-zero data-quality count column of the
 * domain (duplicate rows, bad source values; see QualityCheck).
 */
export function buildDomainSeries(domain: DomainDefinition, rows: readonly Row[]): DomainSeries {
  const datesWithData = new Set<IsoDate>();
  const groups = new Map<string, string>();
  const activeDays = new Map<string, Set<IsoDate>>();
  const series = new Map<string, Map<string, Map<IsoDate, number>>>();
  const quality = new Map<string, Map<string, Map<IsoDate, string[]>>>();
  const seriesFor = (key: string): Map<string, Map<IsoDate, number>> => {
    let metrics = series.get(key);
    if (metrics === undefined) {
      metrics = new Map(domain.metrics.map((m) => [m.name, new Map<IsoDate, number>()]));
      series.set(key, metrics);
    }
    return metrics;
  };
  const flag = (key: string, metric: string, date: IsoDate, problem: string): void => {
    const byMetric = quality.get(key) ?? new Map<string, Map<IsoDate, string[]>>();
    quality.set(key, byMetric);
    const byDate = byMetric.get(metric) ?? new Map<IsoDate, string[]>();
    byMetric.set(metric, byDate);
    const problems = byDate.get(date) ?? [];
    byDate.set(date, problems);
    if (!problems.includes(problem)) problems.push(problem);
  };
  for (const known of domain.knownSeries) seriesFor(known.key);

  for (const row of rows) {
    const date = readDate(row, domain.sqlFile);
    const key = row[domain.seriesColumn];
    if (typeof key !== 'string' || key === '') {
      throw new WarehouseError(`sql/${domain.sqlFile}: column ${domain.seriesColumn} must be a non-empty string (got ${JSON.stringify(key)})`);
    }
    datesWithData.add(date);
    if (domain.groupColumn !== undefined) {
      const group = row[domain.groupColumn];
      if (typeof group === 'string') groups.set(key, group);
    }
    const metrics = seriesFor(key);
    let active = false;
    for (const metric of domain.metrics) {
      const value = readMetric(row, metric, domain.sqlFile);
      if (value === null) continue;
      const problem = valueProblem(value, metric);
      if (problem !== undefined) {
        flag(key, metric.name, date, problem);
        continue;
      }
      metrics.get(metric.name)?.set(date, value);
      if (metric.kind !== 'ratio' && metric.kind !== 'duration' && value !== 0) active = true;
    }
    for (const check of domain.qualityChecks) {
      const count = readCount(row, check.column, domain.sqlFile);
      if (count === 0) continue;
      const problem = `${count} ${check.problem}`;
      for (const metric of check.metrics === 'all' ? domain.metrics.map((m) => m.name) : check.metrics) {
        metrics.get(metric)?.delete(date);
        flag(key, metric, date, problem);
      }
      active = true;
    }
    if (!active) continue;
    const days = activeDays.get(key) ?? new Set<IsoDate>();
    activeDays.set(key, days);
    days.add(date);
  }
  const activeDates = new Map([...activeDays].map(([key, days]) => [key, [...days].sort()]));
  const firstActive = new Map([...activeDates].map(([key, days]) => [key, days[0] as IsoDate]));

  for (const metric of domain.metrics) {
    if (metric.kind === 'ratio' || metric.kind === 'duration') continue;
    for (const [key, metrics] of series) {
      const values = metrics.get(metric.name);
      const first = firstActive.get(key);
      if (values === undefined || first === undefined) continue;
      const flagged = quality.get(key)?.get(metric.name);
      for (const date of datesWithData) {
        if (date >= first && !values.has(date) && flagged?.has(date) !== true) values.set(date, 0);
      }
    }
  }
  // Rows before a series' first activity (e.g. a cross join giving every org a row of
  // zeros) are not history: the series did not exist yet.
  for (const [key, metrics] of series) {
    const first = firstActive.get(key);
    for (const values of metrics.values()) {
      for (const date of [...values.keys()]) if (first === undefined || date < first) values.delete(date);
    }
  }
  return { datesWithData, series, groups, quality, firstActive, activeDates };
}

function readMetric(row: Row, metric: MetricDefinition, sqlFile: string): number | null {
  const value = row[metric.name];
  if (value === undefined) throw new WarehouseError(`sql/${sqlFile}: result has no column ${metric.name}`);
  if (value === null) return null;
  if (typeof value !== 'number') throw new WarehouseError(`sql/${sqlFile}: column ${metric.name} must be numeric (got ${JSON.stringify(value)})`);
  return value;
}

function readCount(row: Row, column: string, sqlFile: string): number {
  const value = row[column];
  if (value === undefined) throw new WarehouseError(`sql/${sqlFile}: result has no data-quality column ${column}`);
  if (value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WarehouseError(`sql/${sqlFile}: data-quality column ${column} must be a count (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Why a metric value cannot be scored, or undefined when it can. */
function valueProblem(value: number, metric: MetricDefinition): string | undefined {
  if (Number.isNaN(value)) return `${metric.name} is NaN (a NaN in its source rows)`;
  if (!Number.isFinite(value)) return `${metric.name} is ${value > 0 ? '+' : '−'}Infinity (an infinite source value)`;
  if (metric.kind === 'count' && value < 0) return `${metric.name} is negative (${value}): a count cannot be`;
  return undefined;
}

/** The row's dt; a query that returns no DATE there is a broken query, not bad data. */
export function readDate(row: Row, sqlFile: string): IsoDate {
  const value = row['dt'];
  if (typeof value !== 'string') throw new WarehouseError(`sql/${sqlFile}: column dt must be a DATE (got ${JSON.stringify(value)})`);
  return isoDate(value);
}
