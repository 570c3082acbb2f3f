import type { Alert, AlertContributor } from '../alerts/alert.js';
import type { IsoDate } from '../dates/iso-date.js';
import type { DrillDownDefinition } from '../domains/types.js';
import type { DrillDownData, MemberValues } from './drilldown-data.js';
import { rankByChange, rankByOwnChange, rankContributors } from './rank-contributors.js';

/** What the ranking needs of an alert; `explain` passes a scored point that did not alert. */
export type ContributorTarget = Pick<Alert, 'series' | 'metric' | 'date' | 'baseline' | 'mean'>;

export interface ContributorOptions {
  readonly top: number;
  readonly minContribution: number;
}

/**
 * The top members behind one alert, across its series' drill-down dimensions. Pure.
 *
 * A member's baseline is its mean over exactly the dates the detector used for the alert's
 * baseline (alert.baseline.dates), its current value the alert's date. For additive metrics
 * the members of a dimension then sum to the alert's μ and value, so "share of the move" is
 * a share of the very change the alert reports.
 *
 * Each dimension is ranked on its own (a dimension is a full partition of the series, so
 * shares sum to 1 within it), then dimensions are merged by cost: with ThirdEye's balanced
 * cost, a member that explains 90 % of the move in one dimension outranks one that explains
 * 40 % in another, which is what the on-call engineer should look at first.
 */
export function contributorsForAlert(alert: ContributorTarget, spec: DrillDownDefinition, data: DrillDownData, options: ContributorOptions): AlertContributor[] {
  const ranked = spec.dimensions(alert.series).flatMap((dimension, order) => {
    const members = data.get(alert.series)?.get(dimension);
    if (members === undefined) return [];
    return rankDimension(alert, dimension, members, spec, options).map((contributor) => ({ contributor, order }));
  });
  return ranked
    .sort((a, b) => b.contributor.cost - a.contributor.cost || a.order - b.order)
    .slice(0, options.top)
    .map(({ contributor }) => contributor);
}

/** How a metric's members in one dimension are ranked (undefined: the metric has no drill-down rule). */
export function rankingMethod(spec: DrillDownDefinition, metric: string, dimension: string): AlertContributor['method'] | undefined {
  const combine = spec.combine[metric];
  if (combine === undefined) return undefined;
  if (combine !== 'sum') return 'volume_weighted';
  return spec.rankedByChange?.includes(dimension) ? 'change' : 'balanced_cost';
}

function rankDimension(
  alert: ContributorTarget,
  dimension: string,
  members: ReadonlyMap<string, MemberValues>,
  spec: DrillDownDefinition,
  options: ContributorOptions,
): AlertContributor[] {
  const combine = spec.combine[alert.metric];
  const method = rankingMethod(spec, alert.metric, dimension);
  if (combine === undefined || method === undefined) return [];
  const ranked =
    combine !== 'sum'
      ? rankByOwnChange(weightedMembers(alert, members, combine.weightedBy), members.size)
      : method === 'change'
        ? rankByChange(additiveMembers(alert, members), members.size)
        : rankContributors(additiveMembers(alert, members), { top: members.size, minContribution: options.minContribution });
  return ranked.map((c) => ({ dimension, ...c, method }));
}

/** Additive: a day without a row is 0 (nothing happened for that member that day). */
function additiveMembers(alert: ContributorTarget, members: ReadonlyMap<string, MemberValues>) {
  return [...members].map(([member, values]) => {
    const series = values.get(alert.metric);
    return {
      member,
      baseline: mean(alert.baseline.dates.map((date) => series?.get(date) ?? 0)),
      current: series?.get(alert.date) ?? 0,
    };
  });
}

/**
 * Percentiles: a member's own value is undefined on a day it had no traffic, so its baseline
 * is the mean over the baseline days it had one. A member with no baseline value at all (a
 * new endpoint or model) is compared with the series' own usual level, alert.mean: what it
 * adds to the series is how far its value sits from what the series normally shows.
 */
function weightedMembers(alert: ContributorTarget, members: ReadonlyMap<string, MemberValues>, volumeMetric: string) {
  return [...members].map(([member, values]) => {
    const series = values.get(alert.metric);
    const volume = values.get(volumeMetric);
    const baselineValues = alert.baseline.dates.flatMap((date) => {
      const value = series?.get(date);
      return value === undefined ? [] : [value];
    });
    const baseline = baselineValues.length > 0 ? mean(baselineValues) : alert.mean;
    const current = series?.get(alert.date);
    return {
      member,
      baseline,
      // No value today means no traffic today: weight 0, so the value itself does not matter.
      current: current ?? baseline,
      volumeBaseline: mean(alert.baseline.dates.map((date) => volume?.get(date) ?? 0)),
      volumeCurrent: current === undefined ? 0 : (volume?.get(alert.date) ?? 0),
    };
  });
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Every day a set of alerts compared: their dates and their baseline dates. */
export function datesCompared(alerts: readonly ContributorTarget[]): IsoDate[] {
  return [...new Set(alerts.flatMap((a) => [a.date, ...a.baseline.dates]))].sort();
}
