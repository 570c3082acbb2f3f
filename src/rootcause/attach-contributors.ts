import type { DomainReport } from '../alerts/alert.js';
import type { Config } from '../config/schema.js';
import type { DomainDefinition } from '../domains/types.js';
import { MonitorError } from '../errors.js';
import type { Warehouse } from '../warehouse/types.js';
import { contributorsForAlert, datesCompared, type ContributorTarget } from './alert-contributors.js';
import { buildDrillDownData, type DrillDownData } from './drilldown-data.js';
import { buildDrillDownQuery } from './drilldown-query.js';

export interface DrillDownOptions {
  readonly domain: DomainDefinition;
  readonly config: Config;
  readonly warehouse: Warehouse;
  readonly toolVersion: string;
}

/** Whether the domain can break this series × metric down at all. */
export function hasDrillDown(domain: DomainDefinition, target: Pick<ContributorTarget, 'series' | 'metric'>): boolean {
  return domain.drillDown.dimensions(target.series).length > 0 && domain.drillDown.combine[target.metric] !== undefined;
}

/**
 * The domain's one drill-down query for these targets (any dates: a backtest's too), as
 * nested maps. No query when nothing can be broken down or root cause is turned off
 * (rootCause.top: 0).
 */
export async function fetchDrillDown(targets: readonly ContributorTarget[], options: DrillDownOptions): Promise<DrillDownData> {
  const drillable = targets.filter((t) => hasDrillDown(options.domain, t));
  if (drillable.length === 0 || options.config.rootCause.top === 0) return new Map();
  const request = buildDrillDownQuery({
    domain: options.domain,
    config: options.config,
    series: drillable.map((t) => t.series),
    dates: datesCompared(drillable),
    toolVersion: options.toolVersion,
  });
  return buildDrillDownData(options.domain, await options.warehouse.query(request));
}

/**
 * Root cause is an aid, not the alert: a drill-down query that fails (a warehouse error)
 * gives no data and the reason, for the caller to report, instead of failing the run.
 */
export async function fetchDrillDownOrReason(
  targets: readonly ContributorTarget[],
  options: DrillDownOptions,
): Promise<{ readonly data: DrillDownData; readonly error: string | null }> {
  try {
    return { data: await fetchDrillDown(targets, options), error: null };
  } catch (error) {
    if (!(error instanceof MonitorError)) throw error;
    return { data: new Map(), error: error.message };
  }
}

/**
 * Fills every alert's contributors with one drill-down query per domain, covering all the
 * reports' alerts at once. When the query fails, the alerts go out without contributors
 * and each report with alerts says why in a note.
 */
export async function attachContributors(reports: readonly DomainReport[], options: DrillDownOptions): Promise<DomainReport[]> {
  const { data, error } = await fetchDrillDownOrReason(
    reports.flatMap((r) => r.alerts),
    options,
  );
  if (error !== null) return reports.map((r) => (r.alerts.length === 0 ? r : { ...r, notes: [...r.notes, `root cause unavailable: ${error}`] }));
  return reports.map((report) => ({
    ...report,
    alerts: report.alerts.map((alert) => ({ ...alert, contributors: contributorsForAlert(alert, options.domain.drillDown, data, options.config.rootCause) })),
  }));
}
