import type { IsoDate } from '../dates/iso-date.js';
import { severityRank } from '../stats/severity.js';
import type { Direction, Mode, Severity, Suppression } from '../stats/types.js';

/** Bumped whenever a field of the JSON report changes meaning or disappears. */
export const REPORT_SCHEMA_VERSION = 1;

/** Which value a finding is about: one metric of one series of a domain on a date. */
export interface SeriesMetricRef {
  readonly domain: string;
  readonly date: IsoDate;
  readonly series: string;
  readonly seriesLabel: string;
  /** The series' group when the domain has one (enterprise: contract | pilot), else null. */
  readonly group: string | null;
  readonly metric: string;
  readonly metricLabel: string;
}

/** One metric of one series that moved beyond its baseline: everything DOMAINS.md says an alert carries. */
export interface Alert extends SeriesMetricRef {
  readonly unit: string | null;
  /** 'percent': value, mean and σ are fractions to show as percentages. */
  readonly display: 'percent' | null;
  readonly severity: Severity;
  readonly direction: Direction;
  readonly value: number;
  /** μ: the mean of the kept same-weekday baseline values. */
  readonly mean: number;
  /** What the day was expected to be: μ moved by the recent level (docs/detection-method.md). */
  readonly expected?: number;
  /** The scale used for z (pooled, after the floor). */
  readonly sd: number;
  readonly sdFloored: boolean;
  readonly z: number;
  /** (value − μ) / |μ|, or null when μ = 0. */
  readonly pctChange: number | null;
  readonly baseline: { readonly dates: readonly IsoDate[]; readonly values: readonly number[] };
  readonly action: string;
  /** Why a rule other than |z| set the severity, e.g. a drop to zero (churn risk). */
  readonly note: string | null;
  /**
   * The drill-down members that explain the move, most first (src/rootcause). Empty when the
   * series has no drill-down dimension, nothing explains the move, or the drill-down failed
   * (the report then carries a note).
   */
  readonly contributors: readonly AlertContributor[];
  /** Set when a silence held the alert back: recorded and shown, never sent (`monitor silence`). */
  readonly silenced?: { readonly id: string; readonly until: IsoDate; readonly reason: string };
  /**
   * Set when the date is a day of the config's known-event calendar (a holiday, a launch):
   * shown with the alert everywhere. The day is also left out of later baselines.
   */
  readonly knownEvent?: KnownEventNote;
}

/** The known event an alert's (or a held-back finding's) day falls on (README "Known events"). */
export interface KnownEventNote {
  /** The event's name; several events on one day are joined with " / ". */
  readonly name: string;
}

/** One member of a drill-down dimension and its part in an alert's move. */
export interface AlertContributor {
  /** The drill-down dimension: tier, org, endpoint, model, process, user. */
  readonly dimension: string;
  readonly member: string;
  /** The member's mean over the alert's baseline dates, in the metric's units. */
  readonly baseline: number;
  readonly current: number;
  /** current − baseline. */
  readonly change: number;
  /**
   * The fraction of the alert's move this member explains: (c − b) / (C − B) for additive
   * metrics (negative when it moved against the total; null when the total did not move),
   * the member's share of the volume-weighted change for percentiles.
   */
  readonly share: number | null;
  /**
   * Balanced cost: c/|C| − b/|B|, how far the member's share of the total shifted.
   * Volume-weighted: the shift of its share of the traffic.
   */
  readonly contributionChange: number;
  /** The ranking score: |share| + |contributionChange|, or the weighted change in metric units. */
  readonly cost: number;
  readonly status: 'appeared' | 'vanished' | 'changed';
  /**
   * How it was ranked: ThirdEye's balanced cost; by share of the move alone (an org's
   * users); or own change weighted by traffic (percentiles).
   */
  readonly method: 'balanced_cost' | 'change' | 'volume_weighted';
}

/** A scored point that earned a severity but was held back by a rule, kept for `explain`-style transparency. */
export interface SuppressedFinding {
  readonly series: string;
  readonly metric: string;
  readonly z: number;
  readonly pctChange: number | null;
  /** known_event: the day is on the calendar and the series' policy is `knownEvents: hold`. */
  readonly reason: Exclude<Suppression, 'below_threshold'>;
  /** The calendar's event on the day, when there is one. */
  readonly knownEvent?: KnownEventNote;
}

/**
 * A series × metric whose value on the report's date was not scored because the data
 * behind it cannot be trusted (README "Data quality"): NaN/NULL/±Infinity/negative source
 * values, duplicate rows. Never an alert; counted by --fail-on like a WARNING (configurable).
 */
export interface DataQualityFinding extends SeriesMetricRef {
  /** What was wrong, one line each, e.g. "2 gpu_cost rows with row_cost NULL, NaN, ±Infinity or negative". */
  readonly problems: readonly string[];
}

/** Why a date has no rows at all: the pipeline is late (or has a hole), or the data starts later. */
export type DataMissingKind = 'late' | 'before_start';

export interface InsufficientHistory {
  readonly series: string;
  readonly metric: string;
  readonly points: number;
  readonly needed: number;
}

export interface DomainReport {
  readonly domain: string;
  readonly title: string;
  readonly date: IsoDate;
  /**
   * 'data_missing': the target day has no rows at all (the pipeline is late), nothing was
   * scored. 'failed': the domain's query failed (run --all reports it and goes on).
   */
  readonly status: 'ok' | 'data_missing' | 'failed';
  /** Set when status is 'failed'. */
  readonly error?: { readonly category: string; readonly message: string; readonly hint: string | null };
  readonly alerts: readonly Alert[];
  /** Series × metrics scored against a baseline. */
  readonly checked: number;
  readonly insufficientHistory: readonly InsufficientHistory[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Values not scored because their data cannot be trusted; [] when the data was clean. */
  readonly dataQuality: readonly DataQualityFinding[];
  /** With status 'data_missing': whether other days have data (late, loud) or the data starts later. */
  readonly dataMissing?: DataMissingKind;
  /**
   * Set when an earlier run found no data for this date and this run scored it now that
   * the data has arrived: when that earlier run looked (ISO timestamp).
   */
  readonly arrivedLate?: { readonly missingAt: string };
  /** Series that alerted the day before and are back to normal (the Slack digest's "Resolved"). */
  readonly resolved?: readonly ResolvedSeries[];
  /**
   * Series × metrics whose lasting change (since `since`) the recent level has absorbed: no
   * longer alerts, still away from the same-weekday baseline. Absent on reports built before.
   */
  readonly levelShifts?: readonly LevelShiftNote[];
  readonly notes: readonly string[];
}

/** A report with no findings in it yet: the start of a failed one (and of test reports). */
export function emptyReport(head: Pick<DomainReport, 'domain' | 'title' | 'date' | 'status'>): DomainReport {
  return { ...head, alerts: [], checked: 0, insufficientHistory: [], suppressed: [], dataQuality: [], notes: [] };
}

export interface ResolvedSeries {
  readonly series: string;
  readonly seriesLabel: string;
  readonly metric: string;
  readonly metricLabel: string;
  /** First day of the episode that just ended. */
  readonly since: IsoDate;
  /** Set when the episode ended because it became the new level, not because it went back. */
  readonly levelShift?: LevelShiftChange;
}

/** A lasting change the detector's recent level has absorbed (a level shift). */
export interface LevelShiftNote {
  readonly series: string;
  readonly seriesLabel: string;
  readonly metric: string;
  readonly metricLabel: string;
  /** The first day of the run of days on the same side of their baselines. */
  readonly since: IsoDate;
  /** The recent level's change: relative (−0.25: 25 % under the same-weekday baseline) or in the metric's units. */
  readonly change: number;
  readonly mode: Mode;
}

/** When a level shift began and by how much (relative, or in the metric's units). */
export interface LevelShiftChange {
  readonly since: IsoDate;
  readonly change: number;
  readonly mode: Mode;
}

/** By group (reported apart), then CRITICAL first, then by |z|: the order every renderer shows. */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    (a.group ?? '').localeCompare(b.group ?? '') ||
    severityRank(b.severity) - severityRank(a.severity) ||
    Math.abs(b.z) - Math.abs(a.z)
  );
}
