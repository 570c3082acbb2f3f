import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * Mean and sample σ (n − 1) of a training set, from the same library the default detector
 * uses (src/stats/same-weekday-baseline.ts), so that any difference in the benchmark comes
 * from the method, not from arithmetic. A constant set gets σ = 0 exactly: a summed mean
 * can be an ulp off and leave a σ of 1e-17, which would turn "the same value again" into
 * an enormous z. Needs at least 2 values (σ is undefined for one).
 */
export function meanAndSampleSd(values: readonly number[]): { readonly mean: number; readonly sd: number } {
  const first = values[0];
  if (first === undefined || values.length < 2) throw new RangeError(`a sample σ needs at least 2 values, got ${values.length}`);
  if (values.every((v) => v === first)) return { mean: first, sd: 0 };
  return { mean: mean(values as number[]), sd: sampleStandardDeviation(values as number[]) };
}
