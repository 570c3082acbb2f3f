import type { Config } from '../config/schema.js';
import { addDays, daysBetween, type IsoDate } from '../dates/iso-date.js';
import type { DomainDefinition } from '../domains/types.js';
import { MonitorError, UsageError } from '../errors.js';
import { buildDrillDownQuery } from '../rootcause/drilldown-query.js';
import { maxBaselineWeeks } from '../run/detect-domain.js';
import type { QueryEstimate, QueryRequest, Warehouse } from '../warehouse/types.js';

/** One domain of an `--estimate` run: the very request the run sends, built by the caller. */
export interface EstimateTarget {
  readonly domain: DomainDefinition;
  /** The target date (the drill-down is estimated for an alert on it). */
  readonly date: IsoDate;
  /** The domain query exactly as the run sends it (buildDomainQuery over the run's range). */
  readonly request: QueryRequest;
}

/**
 * `--estimate`: dry runs of every query a run would send, nothing run. Per domain one line
 * for its query (always runs) and one for its drill-down (runs only when the domain
 * alerts; estimated for an alert on every drillable series of the target date with a full
 * baseline, the widest drill-down that date can send), then a total.
 */
export async function estimateRun(warehouse: Warehouse, config: Config, targets: readonly EstimateTarget[], toolVersion: string): Promise<string> {
  const dryRun = warehouse.estimate?.bind(warehouse);
  if (dryRun === undefined) {
    throw new UsageError(`--estimate needs warehouse: bigquery (${warehouse.description} does not bill by bytes)`, 'set warehouse: bigquery in the config');
  }
  let lines = '';
  let always = 0;
  let drillDowns = 0;
  let price: QueryEstimate | undefined;
  for (const { domain, date, request } of targets) {
    const main = await dryRun(request);
    price = main;
    always += main.bytes;
    lines += `${costLine(request, main)}; ${partitionRange(request)}\n`;
    const drill = drillDownRequest(domain, config, date, toolVersion);
    if (drill === undefined) {
      lines += `sql/${domain.drillDown.sqlFile} never runs: root cause is off (rootCause.top: 0) or no series of ${domain.name} drills down\n`;
      continue;
    }
    const when = `sql/${drill.name} runs only when ${domain.name} alerts: for alerts on ${date} (every series, full baseline)`;
    let estimate: QueryEstimate;
    try {
      estimate = await dryRun(drill);
    } catch (error) {
      // Root cause is an aid: a drill-down that fails leaves the alerts without contributors (attachContributors).
      if (!(error instanceof MonitorError)) throw error;
      lines += `${when} its dry run failed, so would the drill-down (alerts would go out without contributors): ${error.message}\n`;
      continue;
    }
    drillDowns += estimate.bytes;
    lines += `${when} ${costLine(drill, estimate, false)}; ${partitionRange(drill)}\n`;
  }
  if (price === undefined) return lines;
  const alerting = targets.length === 1 ? 'if it alerts' : 'if every domain alerts';
  return `${lines}total: ${formatBytes(always)}, about ${formatCost(always, price)} without alerts; at most ${formatBytes(always + drillDowns)}, about ${formatCost(always + drillDowns, price)} ${alerting} (at $${price.pricePerTiB}/TiB)\n`;
}

/** `sql/<file> would scan …, about $… at $…/TiB (cap …)`, and a warning when over the cap. */
function costLine(request: QueryRequest, estimate: QueryEstimate, withPrice = true): string {
  const priced = withPrice ? ` at $${estimate.pricePerTiB}/TiB (cap ${formatBytes(estimate.maximumBytesBilled)})` : '';
  const capped = estimate.bytes > estimate.maximumBytesBilled ? ` — OVER the maximumBytesBilled cap (${formatBytes(estimate.maximumBytesBilled)}): it would fail` : '';
  return `${withPrice ? `sql/${request.name} ` : ''}would scan ${formatBytes(estimate.bytes)}, about ${formatCost(estimate.bytes, estimate)}${priced}${capped}`;
}

function formatCost(bytes: number, estimate: QueryEstimate): string {
  return `$${((bytes / 1024 ** 4) * estimate.pricePerTiB).toFixed(4)}`;
}

/** The partitions the query reads: from its earliest DATE parameter to its latest. */
function partitionRange(request: QueryRequest): string {
  const dates = Object.values(request.params)
    .flatMap((p) => (p.type === 'DATE' ? [p.value] : p.type === 'ARRAY<DATE>' ? p.value : []))
    .sort();
  const [first, last] = [dates[0], dates.at(-1)];
  if (first === undefined || last === undefined) return 'no date range';
  return `dt ${first} to ${last} (${daysBetween(first, last) + 1} days)`;
}

/**
 * The drill-down the run sends when `date` alerts on every series that drills down, each
 * alert with a full same-weekday baseline (date − 7, …, − 7·weeks, weeks the largest the
 * domain's settings use): built by buildDrillDownQuery, as attachContributors builds it.
 * @series does not prune partitions, so for a domain whose series all come from the data
 * (enterprise: one per org) a placeholder stands for them: the bytes are the same.
 * Undefined when no drill-down can run (rootCause.top: 0, or no series has a dimension).
 */
export function drillDownRequest(domain: DomainDefinition, config: Config, date: IsoDate, toolVersion: string): QueryRequest | undefined {
  if (config.rootCause.top === 0) return undefined;
  const keys = [...domain.knownSeries.map((s) => s.key), ...Object.keys(config.domains[domain.name]?.series ?? {})];
  let series = [...new Set(keys)].filter((key) => domain.drillDown.dimensions(key).length > 0);
  if (series.length === 0 && domain.seriesFromData && domain.drillDown.dimensions('(any series)').length > 0) series = ['(any series)'];
  if (series.length === 0) return undefined;
  const weeks = maxBaselineWeeks(domain, config);
  const dates = Array.from({ length: weeks + 1 }, (_, k) => addDays(date, -7 * k));
  return buildDrillDownQuery({ domain, config, series, dates, toolVersion });
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 2)} ${units[unit]}`;
}
