import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGMA_FLOOR, flooredSigma } from '../../src/stats/sigma-floor.js';

describe('flooredSigma', () => {
  const floor = { relative: 0.02, absolute: 1 };

  it('keeps the sample σ when it is above both floors', () => {
    expect(flooredSigma(50, 1000, floor)).toBe(50);
  });

  it('lifts σ to relative·|μ| when the baseline is unusually flat', () => {
    expect(flooredSigma(3, 1000, floor)).toBe(20);
  });

  it('uses |μ| so a negative baseline (net refunds) is floored too', () => {
    expect(flooredSigma(3, -1000, floor)).toBe(20);
  });

  it('falls back to the absolute floor when σ = 0 and μ = 0', () => {
    expect(flooredSigma(0, 0, floor)).toBe(1);
    expect(flooredSigma(0, 0, { relative: 0, absolute: 0.001 })).toBe(0.001);
  });

  it('rejects a floor that could let σ reach 0, and invalid inputs', () => {
    expect(() => flooredSigma(1, 10, { relative: 0.02, absolute: 0 })).toThrow(RangeError);
    expect(() => flooredSigma(1, 10, { relative: 0.02, absolute: -1 })).toThrow(RangeError);
    expect(() => flooredSigma(1, 10, { relative: 0.02, absolute: Number.NaN })).toThrow(RangeError);
    expect(() => flooredSigma(1, 10, { relative: -0.1, absolute: 1 })).toThrow(RangeError);
    expect(() => flooredSigma(-1, 10, floor)).toThrow(RangeError);
    expect(() => flooredSigma(Number.NaN, 10, floor)).toThrow(RangeError);
    expect(() => flooredSigma(1, Number.POSITIVE_INFINITY, floor)).toThrow(RangeError);
  });

  it('defaults to 2 % of |μ| and one unit (the value measured in docs/detection-method.md)', () => {
    expect(DEFAULT_SIGMA_FLOOR).toEqual({ relative: 0.02, absolute: 1 });
  });
});
