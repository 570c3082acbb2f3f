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

/** The domain's one drill-down query for these targets (any dates: a backtest's too), as nested maps. */
export async function fetchDrillDown(targets: readonly ContributorTarget[], options: DrillDownOptions): Promise<DrillDownData> {
  const drillable = targets.filter((t) => hasDrillDown(options.domain, t));
  if (drillable.length === 0) return new Map();
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
 * Fills every alert's contributors with one drill-down query per domain, covering all the
 * reports' alerts at once. Root cause is an aid, not the alert: when the drill-down query
 * fails, the alerts go out without contributors and the report says why in a note.
 */
export async function attachContributors(reports: readonly DomainReport[], options: DrillDownOptions): Promise<DomainReport[]> {
  const alerts = reports.flatMap((r) => r.alerts);
  // rootCause.top: 0 turns root cause off: no query at all.
  if (options.config.rootCause.top === 0) return [...reports];
  let data: DrillDownData;
  try {
    data = await fetchDrillDown(alerts, options);
  } catch (error) {
    if (!(error instanceof MonitorError)) throw error;
    const note = `root cause unavailable: ${error.message}`;
    return reports.map((r) => (r.alerts.length === 0 ? r : { ...r, notes: [...r.notes, note] }));
  }
  const rankOptions = { top: options.config.rootCause.top, minContribution: options.config.rootCause.minContribution };
  return reports.map((report) => ({
    ...report,
    alerts: report.alerts.map((alert) => ({ ...alert, contributors: contributorsForAlert(alert, options.domain.drillDown, data, rankOptions) })),
  }));
}
