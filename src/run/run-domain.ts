import type { DomainReport } from '../alerts/alert.js';
import type { Config } from '../config/schema.js';
import { addDays, dateRange, type IsoDate } from '../dates/iso-date.js';
import { buildDomainSeries, type DomainSeries } from '../domains/daily-series.js';
import { readSqlFile } from '../domains/sql-file.js';
import type { DomainDefinition, QueryWindow } from '../domains/types.js';
import type { QueryParams, QueryRequest, Warehouse } from '../warehouse/types.js';
import { detectDomain, maxLookbackDays } from './detect-domain.js';
import { EvaluatorCache } from './evaluator-cache.js';

export interface RunDomainOptions {
  readonly domain: DomainDefinition;
  readonly config: Config;
  readonly warehouse: Warehouse;
  /** First and last target dates, inclusive; a single date is from === to. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly toolVersion: string;
}

/** The domain's one query for the whole range: the targets plus their lookback. */
export function buildDomainQuery(options: Omit<RunDomainOptions, 'warehouse'>): QueryRequest {
  const { domain, config, from, to } = options;
  const window = { start: addDays(from, -maxLookbackDays(domain, config)), end: to };
  return {
    name: domain.sqlFile,
    sql: readSqlFile(domain.sqlFile),
    params: windowParams(domain, config, window),
    labels: queryLabels(domain, from, to, options.toolVersion),
  };
}

/**
 * @start_date, @end_date and the domain's own parameters (its look-back such as the
 * 28-day Heavy window keys off the window), the same for every query of the domain.
 */
export function windowParams(domain: DomainDefinition, config: Config, window: QueryWindow): QueryParams {
  return {
    start_date: { type: 'DATE', value: window.start },
    end_date: { type: 'DATE', value: window.end },
    ...domain.queryParams(config, window),
  };
}

/** Job labels: which domain and which target dates a query served. */
export function queryLabels(domain: DomainDefinition, from: IsoDate, to: IsoDate, toolVersion: string): Record<string, string> {
  return { domain: domain.name, date: from === to ? from : `${from}_${to}`, tool: `monitor-${toolVersion}` };
}

/** One query, then series; scoring per date is pure (detectDomain). */
export async function fetchDomainSeries(options: RunDomainOptions): Promise<DomainSeries> {
  const rows = await options.warehouse.query(buildDomainQuery(options));
  return buildDomainSeries(options.domain, rows);
}

export async function runDomain(options: RunDomainOptions): Promise<DomainReport[]> {
  return scoreRange(options, await fetchDomainSeries(options));
}

/** One report per date from `from` to `to`, from series fetched once. */
export function scoreRange(options: Pick<RunDomainOptions, 'domain' | 'config' | 'from' | 'to'>, data: DomainSeries): DomainReport[] {
  const cache = new EvaluatorCache(options.from, options.to);
  return dateRange(options.from, options.to).map((date) => detectDomain(options.domain, options.config, data, date, cache));
}
