import type { IsoDate } from '../dates/iso-date.js';

/**
 * Largest magnitude the stats core accepts. Counts beyond 2^53 are no longer exact in a
 * JavaScript number, so a value this large is a normalisation bug upstream, not a metric.
 * The bound also keeps every intermediate (sums of squares over a lookback, value − μ)
 * far from overflow, which is part of how the core guarantees a finite z.
 */
export const MAX_METRIC_MAGNITUDE = Number.MAX_SAFE_INTEGER;

/** Throws on NaN, ±Infinity or an absurd magnitude: fail loudly rather than score garbage. */
export function assertUsableValue(value: number, date: IsoDate): void {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_METRIC_MAGNITUDE) {
    throw new RangeError(
      `metric value on ${date} is ${value}: expected a finite number of magnitude below 2^53 ` +
        '(check how the warehouse row was normalised)',
    );
  }
}
