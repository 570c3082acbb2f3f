import type { Config } from '../config/schema.js';
import type { IsoDate } from '../dates/iso-date.js';
import { readSqlFile } from '../domains/sql-file.js';
import type { DomainDefinition } from '../domains/types.js';
import { queryLabels, windowParams } from '../run/run-domain.js';
import type { QueryRequest } from '../warehouse/types.js';

export interface DrillDownRequest {
  readonly domain: DomainDefinition;
  readonly config: Config;
  /** The alerted series, and every target and baseline day any of their alerts used. */
  readonly series: readonly string[];
  readonly dates: readonly IsoDate[];
  readonly toolVersion: string;
}

/**
 * The domain's one drill-down query for a set of alerts. @start_date / @end_date bound
 * the scan (partition pruning, and the domain's own look-back such as the 28-day Heavy
 * window keys off them exactly as in the main query); @dates keeps only the days the
 * detector compared; @series only the series that alerted.
 */
export function buildDrillDownQuery(request: DrillDownRequest): QueryRequest {
  const { domain, config } = request;
  const dates = [...new Set(request.dates)].sort();
  const series = [...new Set(request.series)].sort();
  const start = dates[0];
  const end = dates.at(-1);
  if (start === undefined || end === undefined || series.length === 0) {
    throw new RangeError('a drill-down needs at least one series and one date');
  }
  return {
    name: domain.drillDown.sqlFile,
    sql: readSqlFile(domain.drillDown.sqlFile),
    params: {
      ...windowParams(domain, config, { start, end }),
      dates: { type: 'ARRAY<DATE>', value: dates },
      series: { type: 'ARRAY<STRING>', value: series },
    },
    labels: { ...queryLabels(domain, start, end, request.toolVersion), query: 'drilldown' },
  };
}
