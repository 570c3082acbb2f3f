/**
 * The fixed parts of the detector's method. Each was chosen by measurement on the labelled
 * benchmarks (NYC taxi, the synthetic hard cases, held-out generator seeds): the tables
 * are in docs/detection-method.md, "Unpoisoned baselines and a recent level".
 */

/**
 * A day whose own |z| (against its plain baseline and recent level) is above this is left
 * out of every later baseline and of the pooled scale: a day that was itself a WARNING
 * would otherwise inflate σ and move μ for the next `weeks` weeks (Thanksgiving in
 * Christmas's Thursday baseline: −4.6 instead of −11.4). 3 is the default WARNING
 * threshold, "the days already flagged". Measured: 2.5 adds 3 false alerts on the hard
 * cases and a fourth alerting day to a level shift; 4 loses an NYC event and leaves the
 * 7-week repeat incident at 1.15× its first z (1.00× at 3).
 */
export const OUTLIER_Z = 3;

/**
 * The recent level is the median relative deviation of the last 5 days from their own
 * baselines. A median of 5 ignores one or two odd days (a holiday, a two-day outage) and
 * follows a lasting change from its third day: a level shift alerts on its first 3 days,
 * then is the new normal. Measured: 3 days follows holiday weeks too eagerly (Christmas
 * −9.9 instead of −11.4, the marathon lost); 7 days lets level shifts alert 4–5 days and
 * doubles NYC's false alerts (2 → 4) and the hard cases' (19 → 32).
 */
export const LEVEL_DAYS = 5;

/** Fewer usable days than this among the last LEVEL_DAYS → no level term (0). */
export const MIN_LEVEL_DAYS = 3;

/**
 * The scale is pooled over the prediction errors of every day of the baseline's weeks
 * (at most 10 weeks: 70 days), not only the same weekday: a σ from 10 same-weekday values is
 * noisy (its relative error is about 24 %), so two identical incidents 4 or 7 weeks apart got
 * z-scores up to 1.7× apart; pooled over 70 days they land within 3 % (hard cases). Measured
 * windows: 28 days 1.3×, 42 days 0.78×/1.23×, 56 days 0.88×/1.12×, 70 days 0.97×/1.00×,
 * 84 days 0.96×/0.92× but a level shift then alerted a fourth day. Capped at 10 weeks so a
 * 52-week baseline does not read three years of data.
 */
export function pooledDays(weeks: number): number {
  return 7 * Math.min(weeks, 10);
}

/** With fewer usable days than half the pooled window, the same-weekday σ is used instead. */
export function minPooledDays(weeks: number): number {
  return Math.ceil(pooledDays(weeks) / 2);
}

/**
 * A day's deviations are relative (÷ |μ|) when its plain baseline has μ > 0 and
 * σ ≤ 0.5·μ, else additive (DayModel.modeOf says why). Counts and amounts sit far below
 * 0.5 (NYC 0.03–0.1, the demo's segments under 0.2); a day-over-day change of 10 % ± 5 %
 * or an org of three users sits above it.
 */
export const MAX_RELATIVE_CV = 0.5;

/** 1.4826 · MAD estimates σ for normal data and ignores the few large errors left in the window. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * How many days before the target the detector reads, at most. Older data is never read,
 * so a daily run that fetches this many days scores exactly like a backtest over a year.
 * The target's pooled scale reads pooledDays days; each of those reads its kept baseline
 * (7·weeks) whose values' own z-scores read another 7·weeks plus their recent level
 * (LEVEL_DAYS), and its own level (LEVEL_DAYS more): with 10 weeks, 140 + 70 + 10 = 220.
 */
export function lookbackDays(weeks: number): number {
  return 14 * weeks + pooledDays(weeks) + 2 * LEVEL_DAYS;
}
