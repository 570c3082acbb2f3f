import type { IsoDate } from '../dates/iso-date.js';

/** Which way a value moved against its baseline. */
export type Direction = 'up' | 'down';
/** Which moves a metric alerts on. Cost alerts only `up`; most metrics both. */
export type DirectionRule = 'both' | 'up' | 'down';
export type Severity = 'NOTICE' | 'WARNING' | 'CRITICAL';

export const SEVERITIES: readonly Severity[] = ['NOTICE', 'WARNING', 'CRITICAL'];

/** |z| strictly above `notice` is a NOTICE, above `warning` a WARNING, above `critical` CRITICAL. */
export interface Thresholds {
  readonly notice: number;
  readonly warning: number;
  readonly critical: number;
}

/**
 * Minimum relative change |value − μ| / |μ| (0.25 = 25 %) under which no alert fires,
 * whatever the z. Separate per direction: the seed team measured drop gates.
 */
export interface MinChangeGate {
  readonly up?: number | undefined;
  readonly down?: number | undefined;
}

/**
 * σ used for z is max(sample σ, relative·|μ|, absolute): a baseline that happened to be
 * flat must not turn a tiny wiggle into an infinite or enormous z.
 */
export interface SigmaFloor {
  readonly relative: number;
  readonly absolute: number;
}

/**
 * A series whose baseline was active and which drops to exactly 0 is flagged at least at
 * `severity`, even when its history is too short for a z-score (enterprise churn risk:
 * a customer going silent matters from day one). `minBaselineMean` keeps series that are
 * often zero anyway (a tiny org) from firing.
 */
export interface DropToZeroRule {
  readonly severity: Severity;
  readonly minBaselineMean: number;
}

export interface DetectorSettings {
  /** Same-weekday lookback: the previous `weeks` occurrences of the target's weekday. */
  readonly weeks: number;
  /** Fewer usable baseline values than this → "insufficient history", no alert. */
  readonly minPoints: number;
  readonly thresholds: Thresholds;
  readonly direction: DirectionRule;
  readonly minChange: MinChangeGate;
  readonly sigmaFloor: SigmaFloor;
  /** Saturday/Sunday are scored but never alert (enterprise: too few weekend users). */
  readonly weekdaysOnly: boolean;
  readonly dropToZero?: DropToZeroRule | undefined;
  /**
   * Known events (holidays, launches, campaigns) from the config's calendar: an event day
   * is left out of every later baseline, level and scale, annotated on its own alerts, and
   * with `hold` its alerts are held back.
   */
  readonly knownEvents?: KnownEventLookup | undefined;
}

/** A day of the known-event calendar. */
export interface KnownEvent {
  readonly name: string;
  /** Alerts on the day are held back (recorded, not sent); otherwise only annotated. */
  readonly hold: boolean;
}

/** The calendar as the stats core sees it: the event on a date, if any. */
export type KnownEventLookup = (date: IsoDate) => KnownEvent | undefined;

/** Why a same-weekday value was left out of a baseline. */
export interface ExcludedDay {
  readonly date: IsoDate;
  readonly value: number;
  /**
   * outlier: the day was itself unusual (|z| above OUTLIER_Z against its own baseline and
   * recent level), so it would distort μ and σ of the days after it; known_event: a day of
   * the calendar.
   */
  readonly reason: 'outlier' | 'known_event';
  /** The day's own z (outliers), for explain. */
  readonly z?: number;
  /** The event's name (known events). */
  readonly event?: string;
}

/**
 * One metric of one series, by date. A date absent from the map has no data at all
 * (the pipeline is late or the range starts later); a date with no activity is 0.
 */
export type DailyValues = ReadonlyMap<IsoDate, number>;

export interface Baseline {
  /** Dates whose values were used, oldest first. */
  readonly dates: readonly IsoDate[];
  readonly values: readonly number[];
  /** Same-weekday dates in the lookback that had no data and were skipped. */
  readonly missingDates: readonly IsoDate[];
  /** Same-weekday dates with data that were left out, and why. */
  readonly excluded: readonly ExcludedDay[];
  readonly mean: number;
  /** Sample standard deviation (n − 1) of `values`. */
  readonly sd: number;
  /** The scale actually used for z (see Scale), after the floor. */
  readonly sdUsed: number;
  readonly sdFloored: boolean;
}

/**
 * The recent level: how far the last LEVEL_DAYS days sat from their own baselines (median
 * of their relative deviations). A lasting change (level shift, trend, holiday lull) moves
 * it within days; a single odd day does not.
 */
export interface LevelTerm {
  /** Median deviation: relative (−0.25 = the recent days ran 25 % under their baselines) or in the metric's units. */
  readonly change: number;
  readonly mode: Mode;
  /** The days it was computed from. */
  readonly dates: readonly IsoDate[];
  /** 1.4826·MAD of those days' deviations: how much they disagree. */
  readonly spread: number;
}

/** How deviations are measured: relative to |μ|, or in the metric's own units (DayModel.modeOf). */
export type Mode = 'relative' | 'additive';

/** A lasting change the recent level has absorbed. */
export interface LevelShift {
  /** The first day of the run of days on the same side of their baselines. */
  readonly since: IsoDate;
  /** The recent level's change: relative (−0.25: 25 % under the same-weekday baseline) or in the metric's units. */
  readonly change: number;
  readonly mode: Mode;
}

/** Where the scale (σ used) came from. */
export interface Scale {
  /**
   * pooled: 1.4826·MAD of the recent prediction errors of every weekday (relative, times
   * |μ|); same_weekday: the sample σ of the kept baseline values (too little history for the pooled one).
   */
  readonly source: 'pooled' | 'same_weekday';
  /** Days the pooled scale was computed from (0 for same_weekday). */
  readonly days: number;
  /** relative: the pooled errors were ÷ |μ| (the scale is that spread × |μ|); additive: in the metric's units. */
  readonly mode: Mode;
  /** The relative scale (pooled, relative mode) before multiplying by |μ|; null otherwise. */
  readonly relative: number | null;
}

/** Why a scored point did not become an alert. */
export type Suppression = 'below_threshold' | 'min_change' | 'direction' | 'weekend' | 'known_event';

/** A day with too few baseline values to score (warming up), in an Evaluation and in a DayVerdict alike. */
export interface InsufficientHistoryFigures {
  readonly kind: 'insufficient_history';
  readonly date: IsoDate;
  readonly value: number;
  readonly minPoints: number;
  readonly knownEvent?: KnownEvent;
}

/** The figures of a scored day, in an Evaluation and in a DayVerdict alike. */
export interface ScoredFigures {
  readonly kind: 'scored';
  readonly date: IsoDate;
  readonly value: number;
  /** What the day was expected to be: μ moved by the recent level. */
  readonly expected: number;
  /** The scale of the comparison with the expected value: σ used plus the level's own uncertainty. */
  readonly sdLevel: number;
  /** z against μ alone, and against the expected value; z is the weaker of the two (0 when they disagree in sign). */
  readonly zBaseline: number;
  readonly zLevel: number;
  readonly z: number;
  /** (value − μ) / |μ|; null when μ = 0 (a change from nothing has no percentage). */
  readonly pctChange: number | null;
  readonly direction: Direction;
  /** The severity |z| earns, before gates. */
  readonly rawSeverity: Severity | null;
  /** The alert's severity, or null when nothing fires. */
  readonly severity: Severity | null;
  readonly suppressedBy: Suppression | null;
  /** Set when a rule other than |z| decided the severity, or (short history) that the point is scored at all. */
  readonly rule?: 'drop_to_zero';
  /** The target date is a day of the known-event calendar. */
  readonly knownEvent?: KnownEvent;
  /**
   * Set when the day is unusual against μ (|z vs μ| above NOTICE) but not against the
   * recent level, in the same direction: a level shift that began on `since` and is now
   * the expected value. Reported as such, never as an alert.
   */
  readonly levelShift?: LevelShift;
}

export type Evaluation =
  | { readonly kind: 'data_missing'; readonly date: IsoDate }
  | (InsufficientHistoryFigures & { readonly baseline: Baseline })
  | (ScoredFigures & {
      readonly baseline: Baseline;
      readonly level: LevelTerm | null;
      readonly scale: Scale;
    });

/**
 * What the daily run needs of a day: an Evaluation without the lists its report shows
 * (the baseline's dates and values, the level's days, the scale's origin). WHY: a
 * backtest scores every series × metric × day and reports a few of them; building those
 * lists for every day was most of the stats core's cost (BENCHMARKS.md, "Stats core").
 * The figures are the Evaluation's own: SeriesEvaluator.evaluate builds it from a verdict.
 */
export type DayVerdict =
  | { readonly kind: 'data_missing'; readonly date: IsoDate }
  | (InsufficientHistoryFigures & {
      /** Values in the kept baseline (Baseline.values.length). */
      readonly baselinePoints: number;
    })
  | ScoredVerdict;

export interface ScoredVerdict extends ScoredFigures {
  /** Baseline.mean, .sd, .sdUsed, .sdFloored and the number of its values; Scale.mode. */
  readonly mean: number;
  readonly sd: number;
  readonly sdUsed: number;
  readonly sdFloored: boolean;
  readonly baselinePoints: number;
  readonly mode: Mode;
}
