import type { Baseline, Mode } from './types.js';

/**
 * z = (value − μ) / σ_used. σ_used > 0 (the floor's absolute part), so z is finite for any
 * finite value. The clamp only matters for absurd settings (e.g. absolute = 1e-300 with a
 * value of 1e16): it keeps z finite and keeps its sign and its rank above every threshold.
 */
export function zScore(value: number, baseline: Baseline): number {
  if (!Number.isFinite(value)) throw new RangeError(`value must be finite, got ${value}`);
  if (!(baseline.sdUsed > 0) || !Number.isFinite(baseline.sdUsed) || !Number.isFinite(baseline.mean)) {
    throw new RangeError(
      `baseline must have a finite mean and sdUsed > 0, got mean ${baseline.mean}, sdUsed ${baseline.sdUsed} ` +
        '(build it with sameWeekdayBaseline, which applies the σ floor)',
    );
  }
  const z = (value - baseline.mean) / baseline.sdUsed;
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, z));
}

/**
 * (value − μ) / |μ|: dividing by |μ| keeps the sign meaning "above / below the baseline"
 * even for a metric whose baseline is negative (net revenue after refunds). Null when
 * μ = 0 (or so close to 0 that the ratio overflows): a change from nothing has no
 * percentage, and a fake "+∞ %" must not reach a gate.
 */
export function relativeChange(value: number, mean: number): number | null {
  if (mean === 0) return null;
  const change = (value - mean) / Math.abs(mean);
  // A denormal μ (≈ 5e-324) overflows the division: as good as "from nothing".
  return Number.isFinite(change) ? change : null;
}

/** μ moved by the recent level (relative: sign-safe for a negative μ); a non-finite change means no level term. */
export function expectedValue(mean: number, levelChange: number, mode: Mode): number {
  if (!Number.isFinite(levelChange)) return mean;
  return mode === 'relative' ? mean + levelChange * Math.abs(mean) : mean + levelChange;
}

/**
 * The weaker of a day's two z-scores, against μ (zBaseline, scale σ) and against the
 * expected value (zLevel, scale σ′): the day is unusual only if it is unusual against
 * both. z is the one of the two nearer 0, and 0 when they disagree in sign. WHY: against
 * μ alone a level shift alerts for `weeks` weeks; against the recent level alone the
 * return to normal after a multi-day surge looks like a drop. Requiring both keeps a
 * lasting change to its first days and a surge's end quiet, and a one-day incident
 * scores the same either way.
 */
export function weakerZ(zBaseline: number, zLevel: number): number {
  return Math.sign(zBaseline) !== Math.sign(zLevel) ? 0 : Math.abs(zBaseline) <= Math.abs(zLevel) ? zBaseline : zLevel;
}

/** ±Infinity (σ = 0 with a different value) becomes the largest finite number: JSON keeps it. */
export function clampZ(z: number): number {
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, z));
}
