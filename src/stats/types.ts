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
  readonly mean: number;
  /** Sample standard deviation (n − 1) of `values`. */
  readonly sd: number;
  /** The σ actually used for z: the sample σ after the floor. */
  readonly sdUsed: number;
  readonly sdFloored: boolean;
}

/** Why a scored point did not become an alert. */
export type Suppression = 'below_threshold' | 'min_change' | 'direction' | 'weekend';

export type Evaluation =
  | { readonly kind: 'data_missing'; readonly date: IsoDate }
  | {
      readonly kind: 'insufficient_history';
      readonly date: IsoDate;
      readonly value: number;
      readonly baseline: Baseline;
      readonly minPoints: number;
    }
  | {
      readonly kind: 'scored';
      readonly date: IsoDate;
      readonly value: number;
      readonly baseline: Baseline;
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
    };
