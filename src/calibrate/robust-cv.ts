import { median, medianAbsoluteDeviation } from 'simple-statistics';

/** 1.4826 · MAD estimates σ for normally distributed data (1 / Φ⁻¹(3/4)). */
const MAD_TO_SIGMA = 1.4826;

/**
 * How volatile a series × metric is: 1.4826 · MAD / |median| of its daily values.
 *
 * WHY robust: the days being calibrated contain the very spikes, holiday dips and
 * injected incidents that make a series alert. A plain σ / μ is dragged by one ×3 day
 * (σ grows with the square of the outlier), so the noisiest-looking series would be the
 * ones with one real incident. MAD ignores up to half the values being extreme, and the
 * 1.4826 factor puts it on σ's scale so it reads like an ordinary CV on normal data.
 *
 * These are raw daily values, weekly cycle included (an enterprise org's quiet weekends
 * count), so it measures how much the series moves, not how well a same-weekday baseline
 * predicts it. Null for fewer than two values or a median of 0 (no scale to divide by).
 */
export function robustCv(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const centre = median(values);
  if (centre === 0) return null;
  return (MAD_TO_SIGMA * medianAbsoluteDeviation(values)) / Math.abs(centre);
}
