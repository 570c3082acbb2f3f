import { describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/stats/types.js';
import { relativeChange, zScore } from '../../src/stats/z-score.js';

function baseline(mean: number, sd: number, sdUsed: number): Baseline {
  return { dates: [], values: [], missingDates: [], excluded: [], mean, sd, sdUsed, sdFloored: sdUsed > sd };
}

describe('zScore', () => {
  it('is (value − μ) / σ_used', () => {
    expect(zScore(130, baseline(100, 10, 10))).toBe(3);
    expect(zScore(70, baseline(100, 10, 10))).toBe(-3);
  });

  it('divides by the floored σ, not the sample σ', () => {
    expect(zScore(103, baseline(100, 0, 2))).toBe(1.5);
  });

  it('refuses a baseline without a positive σ_used (it would divide by zero)', () => {
    expect(() => zScore(1, baseline(0, 0, 0))).toThrow(RangeError);
    expect(() => zScore(1, baseline(Number.NaN, 0, 1))).toThrow(RangeError);
    expect(() => zScore(Number.POSITIVE_INFINITY, baseline(0, 0, 1))).toThrow(RangeError);
  });

  it('stays finite, with its sign, when settings are absurd enough to overflow', () => {
    expect(zScore(9e15, baseline(-9e15, 0, Number.MIN_VALUE))).toBe(Number.MAX_VALUE);
    expect(zScore(-9e15, baseline(9e15, 0, Number.MIN_VALUE))).toBe(-Number.MAX_VALUE);
  });
});

describe('relativeChange', () => {
  it('is (value − μ) / |μ|', () => {
    expect(relativeChange(80, 100)).toBe(-0.2);
    expect(relativeChange(150, 100)).toBe(0.5);
  });

  it('keeps "above the baseline" positive when μ is negative', () => {
    expect(relativeChange(-50, -100)).toBe(0.5);
  });

  it('is null when μ = 0: a change from nothing has no percentage', () => {
    expect(relativeChange(5, 0)).toBeNull();
  });
});

describe('relativeChange near zero', () => {
  it('is null, not infinite, when μ is a denormal (found by the property test)', () => {
    expect(relativeChange(8.881784197001252e-16, 5e-324)).toBeNull();
  });
});
