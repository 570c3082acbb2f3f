import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, severityOf, severityRank } from '../../src/stats/severity.js';

describe('severityOf', () => {
  const t = DEFAULT_THRESHOLDS;
  const above = (x: number): number => x + 1e-9;

  it.each([
    [0, null],
    [1.999, null],
    [2, null],
    [above(2), 'NOTICE'],
    [3, 'NOTICE'],
    [above(3), 'WARNING'],
    [4.5, 'WARNING'],
    [above(4.5), 'CRITICAL'],
    [1e300, 'CRITICAL'],
  ] as const)('|z| = %s → %s (strictly above each threshold)', (absZ, expected) => {
    expect(severityOf(absZ, t)).toBe(expected);
  });

  it('follows custom thresholds', () => {
    const custom = { notice: 1, warning: 1.5, critical: 10 };
    expect(severityOf(1.2, custom)).toBe('NOTICE');
    expect(severityOf(5, custom)).toBe('WARNING');
    expect(severityOf(10.5, custom)).toBe('CRITICAL');
  });

  it('rejects a negative or NaN |z| (the caller forgot Math.abs)', () => {
    expect(() => severityOf(-3, t)).toThrow(RangeError);
    expect(() => severityOf(Number.NaN, t)).toThrow(RangeError);
  });

  it('defaults to 2 / 3 / 4.5', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ notice: 2, warning: 3, critical: 4.5 });
  });
});

describe('severityRank', () => {
  it('orders no alert < NOTICE < WARNING < CRITICAL', () => {
    const ranks = [null, 'NOTICE', 'WARNING', 'CRITICAL'] as const;
    expect(ranks.map(severityRank)).toEqual([0, 1, 2, 3]);
  });
});
