/**
 * The harness's statistics: every figure is a median over several repetitions with its
 * spread (min–max and the interquartile range), and a ratio to a floor is the median of
 * the ratios of runs made side by side in the same round (paired), so a burst of load
 * from another process hits the figure and its floor alike.
 */

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** First and third quartiles (linear interpolation between order statistics). */
  readonly q1: number;
  readonly q3: number;
}

/** The p-quantile (0 ≤ p ≤ 1) of values, interpolating linearly between order statistics. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be within 0 … 1, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarize: no values');
  for (const value of values) if (!Number.isFinite(value)) throw new RangeError(`summarize: not a finite number: ${value}`);
  return {
    n: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
  };
}

/** Ratios of paired samples (a[i] / b[i]: the figure and its floor from the same round). */
export function pairedRatios(numerators: readonly number[], denominators: readonly number[]): number[] {
  if (numerators.length !== denominators.length) throw new RangeError(`pairedRatios: ${numerators.length} figures but ${denominators.length} floors`);
  return numerators.map((value, i) => {
    const floor = denominators[i] as number;
    if (!(floor > 0)) throw new RangeError(`pairedRatios: floor ${floor} is not positive`);
    return value / floor;
  });
}

/** Every sample of a summary multiplied by a constant (e.g. a per-run median × 365). */
export function scaleSummary(summary: Summary, factor: number): Summary {
  const [min, max] = factor >= 0 ? [summary.min * factor, summary.max * factor] : [summary.max * factor, summary.min * factor];
  const [q1, q3] = factor >= 0 ? [summary.q1 * factor, summary.q3 * factor] : [summary.q3 * factor, summary.q1 * factor];
  return { n: summary.n, median: summary.median * factor, min, max, q1, q3 };
}
