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
  readonly metrics: readonly MetricDefinition[];
  /** Default target date = today − lagDays (cost data finalises late). */
  readonly lagDays: number;
  /** Parameters beyond @start_date and @end_date, from config. */
  queryParams(config: Config, window: QueryWindow): QueryParams;
  /** Extra advice for an alert on this series, e.g. "contact the account" for enterprise. */
  criticalAction?(seriesKey: string): string | undefined;
}
