import fc from 'fast-check';
import { mean, median, medianAbsoluteDeviation, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { compensatedMean, medianInPlace, sampleSd, SortedWindow } from '../../src/stats/order-statistics.js';

// The detector's inner loops must give exactly simple-statistics' numbers: the figures in
// the reports, the benchmarks and every pinned test came from it. Equal as numbers (===):
// which of 0 and −0 a median lands on depends on the sorting, and no result can tell.
const values = fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -5, max: 5 })), { minLength: 2, maxLength: 80 });

describe('order statistics without allocation', () => {
  it('mean and sample σ are bit-identical to simple-statistics', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const dense = Float64Array.from(xs);
        const m = compensatedMean(dense, xs.length);
        expect(Object.is(m, mean(xs))).toBe(true);
        expect(Object.is(sampleSd(dense, xs.length, m), sampleStandardDeviation(xs))).toBe(true);
      }),
    );
  });

  it('the median of a scratch buffer is bit-identical to simple-statistics', () => {
    fc.assert(fc.property(values, (xs) => {
        expect(medianInPlace(Float64Array.from(xs), xs.length) === median(xs)).toBe(true);
      }));
  });

  it('a sliding window gives the median and the median absolute distance of its current values', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 4, max: 30 }), (xs, width) => {
        const window = new SortedWindow(width);
        for (let i = 0; i < xs.length; i++) {
          if (i >= width) window.remove(xs[i - width]!);
          window.add(xs[i]!);
          const current = xs.slice(Math.max(0, i - width + 1), i + 1);
          const centre = median(current);
          expect(window.median() === centre).toBe(true);
          expect(window.medianDistance(centre) === median(current.map((x) => Math.abs(x - centre)))).toBe(true);
        }
        expect(window.size).toBe(Math.min(width, xs.length));
        // simple-statistics' own MAD is the same quantity.
        expect(window.medianDistance(window.median()) === medianAbsoluteDeviation(xs.slice(-Math.min(width, xs.length)))).toBe(true);
      }),
    );
  });

  it('refuses to remove a value it does not hold', () => {
    const window = new SortedWindow(3);
    window.add(1);
    expect(() => window.remove(2)).toThrow(/not in the window/);
  });
});
