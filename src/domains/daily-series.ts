import { isoDate, type IsoDate } from '../dates/iso-date.js';
import { WarehouseError } from '../errors.js';
import type { DailyValues } from '../stats/types.js';
import type { Row } from '../warehouse/types.js';
import type { DomainDefinition } from './types.js';

/** A domain's query result as series: series key → metric → date → value. */
export interface DomainSeries {
  /** Days on which the domain returned any row at all; other days are missing data. */
  readonly datesWithData: ReadonlySet<IsoDate>;
  readonly series: ReadonlyMap<string, ReadonlyMap<string, DailyValues>>;
  /** Series key → its group (the domain's groupColumn), when the domain has one. */
  readonly groups: ReadonlyMap<string, string>;
}

/**
 * Turns rows (one per dt × series) into daily values. A series without a row on a day
 * that has data is zero activity for additive metrics, but missing for ratios and
 * percentiles; a NULL metric value is missing.
 */
export function buildDomainSeries(domain: DomainDefinition, rows: readonly Row[]): DomainSeries {
  const datesWithData = new Set<IsoDate>();
  const groups = new Map<string, string>();
  const series = new Map<string, Map<string, Map<IsoDate, number>>>();
  const seriesFor = (key: string): Map<string, Map<IsoDate, number>> => {
    let metrics = series.get(key);
    if (metrics === undefined) {
      metrics = new Map(domain.metrics.map((m) => [m.name, new Map<IsoDate, number>()]));
      series.set(key, metrics);
    }
    return metrics;
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
    for (const metric of domain.metrics) {
      const value = row[metric.name];
      if (value === undefined) throw new WarehouseError(`sql/${domain.sqlFile}: result has no column ${metric.name}`);
      if (value === null) continue;
      if (typeof value !== 'number') throw new WarehouseError(`sql/${domain.sqlFile}: column ${metric.name} must be numeric (got ${JSON.stringify(value)})`);
      metrics.get(metric.name)?.set(date, value);
    }
  }

  for (const metric of domain.metrics) {
    if (metric.kind === 'ratio' || metric.kind === 'duration') continue;
    for (const metrics of series.values()) {
      const values = metrics.get(metric.name);
      if (values === undefined) continue;
      for (const date of datesWithData) if (!values.has(date)) values.set(date, 0);
    }
  }
  return { datesWithData, series, groups };
}

/** The row's dt; a query that returns no DATE there is a broken query, not bad data. */
export function readDate(row: Row, sqlFile: string): IsoDate {
  const value = row['dt'];
  if (typeof value !== 'string') throw new WarehouseError(`sql/${sqlFile}: column dt must be a DATE (got ${JSON.stringify(value)})`);
  return isoDate(value);
}
