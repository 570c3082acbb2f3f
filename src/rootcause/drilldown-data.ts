import type { IsoDate } from '../dates/iso-date.js';
import { readDate } from '../domains/daily-series.js';
import type { DomainDefinition } from '../domains/types.js';
import { WarehouseError } from '../errors.js';
import type { Row } from '../warehouse/types.js';

/** metric → date → value for one member; a date without a value had no row (or NULL). */
export type MemberValues = ReadonlyMap<string, ReadonlyMap<IsoDate, number>>;

/** The drill-down result: series → dimension → member → metric → date → value. */
export type DrillDownData = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, MemberValues>>>;

/** Rows of `sql/drilldown/<domain>.sql` (dt, series, dimension, member, metrics…) as nested maps. */
export function buildDrillDownData(domain: DomainDefinition, rows: readonly Row[]): DrillDownData {
  const file = domain.drillDown.sqlFile;
  const data = new Map<string, Map<string, Map<string, Map<string, Map<IsoDate, number>>>>>();
  for (const row of rows) {
    const date = readDate(row, file);
    const [series, dimension, member] = (['series', 'dimension', 'member'] as const).map((column) => {
      const value = row[column];
      if (typeof value !== 'string' || value === '') {
        throw new WarehouseError(`sql/${file}: column ${column} must be a non-empty string (got ${JSON.stringify(value)})`);
      }
      return value;
    }) as [string, string, string];
    const metrics = getOrCreate(getOrCreate(getOrCreate(data, series), dimension), member);
    for (const metric of domain.metrics) {
      const value = row[metric.name];
      if (value === undefined) throw new WarehouseError(`sql/${file}: result has no column ${metric.name}`);
      // NaN/±Infinity: the main query's data-quality finding already says so; no contributor.
      if (value === null || (typeof value === 'number' && !Number.isFinite(value))) continue;
      if (typeof value !== 'number') throw new WarehouseError(`sql/${file}: column ${metric.name} must be numeric (got ${JSON.stringify(value)})`);
      getOrCreate(metrics, metric.name).set(date, value);
    }
  }
  return data;
}

function getOrCreate<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map<K2, V>();
    map.set(key, inner);
  }
  return inner;
}
