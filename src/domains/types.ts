import type { Config } from '../config/schema.js';
import type { IsoDate } from '../dates/iso-date.js';
import type { QueryParams } from '../warehouse/types.js';

/**
 * How a metric behaves when a series has no row on a day the domain has data:
 * additive metrics (counts, sums of money or tokens) are 0; ratios and percentiles
 * are undefined, so the day is missing for that metric.
 */
export type MetricKind = 'count' | 'amount' | 'ratio' | 'duration';

export interface MetricDefinition {
  /** Column in the SQL result and key in config (`metrics.<name>`). */
  readonly name: string;
  readonly label: string;
  readonly kind: MetricKind;
  /** Printed after the value, e.g. 'USD', 'ms'. */
  readonly unit?: string;
  /** Show a fraction as a percentage in human output (0.054 → 5.4 %); JSON keeps the fraction. */
  readonly display?: 'percent';
}

export interface SeriesDefinition {
  readonly key: string;
  readonly label: string;
}

export interface QueryWindow {
  /** First day the detector needs (the earliest baseline day). */
  readonly start: IsoDate;
  /** Last target day. */
  readonly end: IsoDate;
}

/**
 * How one metric's drill-down values combine into the series value.
 * - 'sum': the drill-down query returns each member's additive piece of the metric, so the
 *   members of a dimension sum to the series value (counts and amounts as they are; a rate
 *   as the member's numerator over the series' denominator, e.g. a member's failed
 *   requests / all the series' requests). Ranked with ThirdEye's balanced cost.
 * - weightedBy: not decomposable (percentiles): the query returns each member's own value,
 *   ranked by its own change weighted by its share of this volume metric.
 */
export type DrillCombine = 'sum' | { readonly weightedBy: string };

/**
 * A domain's root-cause drill-down: one query (sql/drilldown/<domain>.sql) returning
 * `dt, series, dimension, member, <metric columns>` for the alerted series on the target
 * and baseline dates. Members with no row on a day have 0 for 'sum' metrics and no value
 * for weighted ones.
 */
export interface DrillDownDefinition {
  readonly sqlFile: string;
  /** The dimensions an alert on this series is broken down by; [] = none (already the finest cut). */
  dimensions(seriesKey: string): readonly string[];
  /** Every metric of the domain, and how its members combine. */
  readonly combine: Readonly<Record<string, DrillCombine>>;
  /**
   * Dimensions ranked by their members' part of the move alone instead of balanced cost
   * (DOMAINS.md: an org's "top users by change"); see rankByChange.
   */
  readonly rankedByChange?: readonly string[];
}

/**
 * A data-quality count the domain's query returns beside its metrics, computed in the same
 * pass over the source rows (README "Data quality"). A non-zero count on a (dt, series) row
 * means the listed metrics of that day cannot be trusted: they are not scored (nor used in
 * later baselines) and the run reports a data-quality finding instead.
 */
export interface QualityCheck {
  /** Result column holding how many source rows failed the check; 0 when clean. */
  readonly column: string;
  /** What those rows are, for people: "rows with row_cost NULL, NaN, ±Infinity or negative". */
  readonly problem: string;
  /** The metrics those rows feed; 'all' for every metric of the series. */
  readonly metrics: readonly string[] | 'all';
}

/**
 * What a domain is: its SQL file, how its rows become series, its metrics and rules.
 * Everything domain-specific lives here and in config; shared code never branches on
 * a domain's name.
 */
export interface DomainDefinition {
  readonly name: string;
  readonly title: string;
  /** File in sql/, one query returning one row per (dt, series). */
  readonly sqlFile: string;
  /** Result column holding the series key. */
  readonly seriesColumn: string;
  /**
   * Optional result column that groups series in reports (enterprise: contract vs pilot
   * orgs are reported apart). Constant per series.
   */
  readonly groupColumn?: string;
  /** Series always expected (a day without their rows means zero activity); others appear from data. */
  readonly knownSeries: readonly SeriesDefinition[];
  /**
   * True when series beyond knownSeries appear from the data (org names, endpoints): a
   * config key for one of those cannot be checked when the config loads. False when
   * knownSeries lists them all, so an unknown `series.<s>` in config is a typo.
   */
  readonly seriesFromData: boolean;
  readonly metrics: readonly MetricDefinition[];
  /** Data-quality counts the query returns (columns beside the metrics); [] when none. */
  readonly qualityChecks: readonly QualityCheck[];
  readonly drillDown: DrillDownDefinition;
  /** Default target date = today − lagDays (cost data finalises late). */
  readonly lagDays: number;
  /** Parameters beyond @start_date and @end_date, from config. */
  queryParams(config: Config, window: QueryWindow): QueryParams;
  /** Extra advice for an alert on this series, e.g. "contact the account" for enterprise. */
  criticalAction?(seriesKey: string): string | undefined;
}
