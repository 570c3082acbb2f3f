import fc from 'fast-check';
import { mean, median, medianAbsoluteDeviation, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { medianInPlace, momentsInto, SortedWindow } from '../../src/stats/order-statistics.js';

// The detector's inner loops must give exactly simple-statistics' numbers: the figures in
// the reports, the benchmarks and every pinned test came from it. Equal as numbers (===):
// which of 0 and −0 a median lands on depends on the sorting, and no result can tell.
const values = fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -5, max: 5 })), { minLength: 2, maxLength: 80 });

describe('order statistics without allocation', () => {
  it('mean and sample σ are bit-identical to simple-statistics', () => {
    fc.assert(
      fc.property(values, fc.nat({ max: 9 }), (xs, from) => {
        const out = new Float64Array(2);
        // At an offset, between other numbers: the detector reads a slice of a longer array.
        const buffer = new Float64Array(from + xs.length + 3).fill(1e300);
        buffer.set(xs, from);
        momentsInto(out, buffer, from, xs.length);
        const constant = xs.every((x) => x === xs[0]);
        // A constant set is exact (μ = its value, σ = 0) where the sum can be an ulp off.
        expect(Object.is(out[0], constant ? xs[0] : mean(xs))).toBe(true);
        expect(Object.is(out[1], constant ? 0 : sampleStandardDeviation(xs))).toBe(true);
      }),
    );
  });

  it('a constant set has μ = its value and σ = 0 exactly, and no values give 0 and 0', () => {
    const out = new Float64Array(2);
    // Three 0.1s average to 0.10000000000000002 by the compensated sum; the mean must be 0.1.
    momentsInto(out, new Float64Array(3).fill(0.1), 0, 3);
    expect([out[0], out[1]]).toEqual([0.1, 0]);
    momentsInto(out, new Float64Array([7, 7, 7, 8]), 0, 0);
    expect([out[0], out[1]]).toEqual([0, 0]);
    momentsInto(out, new Float64Array([7, 7, 7, 8]), 0, 3);
    expect([out[0], out[1]]).toEqual([7, 0]);
    momentsInto(out, new Float64Array([8, 7, 7, 7]), 1, 3);
    expect([out[0], out[1]]).toEqual([7, 0]);
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
          // Slid by replace (one move) on odd steps, by remove and add on even ones.
          if (i >= width && i % 2 === 1) window.replace(xs[i - width]!, xs[i]!);
          else {
            if (i >= width) window.remove(xs[i - width]!);
            window.add(xs[i]!);
          }
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

  it('the median distance from any centre, not only the median, is the median of the distances', () => {
    fc.assert(
      fc.property(values, fc.oneof(fc.double({ min: -2e9, max: 2e9, noNaN: true }), fc.integer({ min: -6, max: 6 })), (xs, centre) => {
        const window = new SortedWindow(xs.length);
        for (const x of xs) window.add(x);
        expect(window.medianDistance(centre) === median(xs.map((x) => Math.abs(x - centre)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('five values, the level\'s usual count, give the same median in every order and with ties', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -2, max: 2 })), { minLength: 5, maxLength: 5 }), (xs) => {
        expect(medianInPlace(Float64Array.from(xs), 5) === median(xs)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Every ordering of a set with a tie.
    const permute = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permute([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
    for (const order of permute([3, 1, 4, 1, 5])) expect(medianInPlace(Float64Array.from(order), 5)).toBe(3);
  });

  it('refuses to remove a value it does not hold', () => {
    const window = new SortedWindow(3);
    window.add(1);
    expect(() => window.remove(2)).toThrow(/not in the window/);
    expect(() => window.replace(2, 1)).toThrow(/not in the window/);
  });
});
