import type { IsoDate } from '../dates/iso-date.js';
import type { Evaluation, Severity, Thresholds } from '../stats/types.js';

/** The values between which a day stays under one severity: [low, high]. */
export type Band = readonly [number, number];

/** One day of a chart: what the detector saw and expected, and how far it could have gone. */
export interface ChartPoint {
  readonly date: IsoDate;
  /** null: no data that day (or it could not be trusted). */
  readonly value: number | null;
  /** μ moved by the recent level; null when the day was not scored (warming up, no data). */
  readonly expected: number | null;
  /** Under each threshold, the band a value must leave to reach that severity; null when not scored. */
  readonly bands: { readonly notice: Band; readonly warning: Band; readonly critical: Band } | null;
  /** The severity the day alerted with in the daily run's report, or null. */
  readonly flagged: Severity | null;
  /** The calendar's known event on the day. */
  readonly knownEvent: string | null;
  /** Set on the day a level shift was named, with the day it began. */
  readonly levelShiftSince: IsoDate | null;
}

/**
 * The band of one threshold t: [min(μ − t·σ, e − t·σ′), max(μ + t·σ, e + t·σ′)], where μ
 * is the baseline mean, σ the scale used, e the expected value and σ′ its scale. It is
 * exactly the set of values whose |z| ≤ t: z is the weaker of (v − μ)/σ and (v − e)/σ′,
 * and 0 when they disagree in sign (src/stats/z-score.ts weakerZ). Inside either
 * interval one of the two is within t; between them (when they do not overlap) their
 * signs disagree; beyond both, both exceed t on the same side. The gates (direction,
 * minimum change, weekdays) can still hold back a day outside the band; they are
 * rules about whether to send, not about how unusual the value is.
 */
export function thresholdBand(evaluation: Extract<Evaluation, { kind: 'scored' }>, t: number): Band {
  const mean = evaluation.baseline.mean;
  const sd = evaluation.baseline.sdUsed;
  const expected = evaluation.expected;
  const sdLevel = evaluation.sdLevel;
  return [Math.min(mean - t * sd, expected - t * sdLevel), Math.max(mean + t * sd, expected + t * sdLevel)];
}

/** A chart point from the day's evaluation and what the daily run reported for it. */
export function chartPoint(
  evaluation: Evaluation,
  thresholds: Thresholds,
  reported: { readonly flagged: Severity | null; readonly knownEvent: string | null },
): ChartPoint {
  const base = { date: evaluation.date, flagged: reported.flagged, knownEvent: reported.knownEvent };
  if (evaluation.kind === 'data_missing') return { ...base, value: null, expected: null, bands: null, levelShiftSince: null };
  if (evaluation.kind === 'insufficient_history') return { ...base, value: evaluation.value, expected: null, bands: null, levelShiftSince: null };
  return {
    ...base,
    value: evaluation.value,
    expected: evaluation.expected,
    bands: {
      notice: thresholdBand(evaluation, thresholds.notice),
      warning: thresholdBand(evaluation, thresholds.warning),
      critical: thresholdBand(evaluation, thresholds.critical),
    },
    levelShiftSince: evaluation.levelShift?.since ?? null,
  };
}
