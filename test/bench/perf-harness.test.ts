import { describe, expect, it } from 'vitest';
import { formatDuration, formatSummary, renderMarkdownTable } from '../../bench/perf/markdown-table.js';
import { renderResults, TABLE_HEADER } from '../../bench/perf/report.js';
import { median, pairedRatios, quantile, scaleSummary, summarize } from '../../bench/perf/summary-stats.js';
import { fitRepetitions, RunBudget, spreadOrder } from '../../bench/perf/time-budget.js';
import { row } from '../../bench/perf/bench-context.js';

describe('the harness statistics', () => {
  it('takes the median of odd and even counts, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('interpolates quartiles between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75);
    expect(quantile([10, 20], 0)).toBe(10);
    expect(quantile([10, 20], 1)).toBe(20);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });

  it('summarizes median, min–max and IQR, refusing non-finite samples', () => {
    expect(summarize([3, 1, 2, 10, 4])).toEqual({ n: 5, median: 3, min: 1, max: 10, q1: 2, q3: 4 });
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
    expect(() => summarize([])).toThrow(RangeError);
  });

  it('pairs each figure with the floor of its own round', () => {
    expect(pairedRatios([2, 6, 9], [1, 3, 3])).toEqual([2, 2, 3]);
    expect(() => pairedRatios([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedRatios([1], [0])).toThrow(RangeError);
  });

  it('scales a summary by a constant (a per-run median × 365)', () => {
    expect(scaleSummary(summarize([1, 2, 4]), 365)).toEqual({ n: 3, median: 730, min: 365, max: 1460, q1: 547.5, q3: 1095 });
  });

  it('fits repetitions to a time budget within bounds', () => {
    expect(fitRepetitions(10_000, 60_000, 3, 10)).toBe(6);
    expect(fitRepetitions(50_000, 60_000, 3, 10)).toBe(3);
    expect(fitRepetitions(100, 60_000, 3, 10)).toBe(10);
    expect(() => fitRepetitions(1, 1, 4, 3)).toThrow(RangeError);
  });

  it('shrinks a budget when the run is late, keeping what later measures need and the minimum repetitions', () => {
    let now = 0;
    const budget = new RunBudget(100_000, false, () => now);
    expect(budget.fit(10_000, 60, 3, 10)).toBe(6);
    budget.reserveMs = 30_000;
    now = 50_000;
    expect(budget.budgetMs(60)).toBe(20_000);
    expect(budget.fit(10_000, 60, 3, 10)).toBe(3);
    now = 200_000;
    expect(budget.budgetMs(60)).toBe(0);
    const quick = new RunBudget(1_000_000, true, () => 0);
    expect(quick.budgetMs(60)).toBe(20_000);
    expect(quick.fit(1, 60, 3, 10)).toBe(4);
    expect(quick.fit(100_000, 60, 3, 10)).toBe(2);
  });

  it('orders a sample so that every prefix spreads over the range', () => {
    const order = spreadOrder(20);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(order.slice(0, 3)).toEqual([0, 19, 10]);
    expect(spreadOrder(1)).toEqual([0]);
  });
});

describe('the Markdown table', () => {
  it('renders a header, a separator and one line per row, escaping pipes', () => {
    expect(renderMarkdownTable(['a', 'b'], [['1', 'x | y'], ['2', 'two\nlines']])).toBe('| a | b |\n|---|---|\n| 1 | x \\| y |\n| 2 | two<br>lines |\n');
  });

  it('refuses a row whose width differs from the header', () => {
    expect(() => renderMarkdownTable(['a', 'b'], [['1']])).toThrow(RangeError);
  });

  it('writes a figure as median (min–max, n), the unit once when both ends share it', () => {
    expect(formatSummary(summarize([1200, 1500, 1100]), formatDuration)).toBe('1.20 s (1.10–1.50 s, n=3)');
    expect(formatSummary(summarize([900, 1500, 1100]), formatDuration)).toBe('1.10 s (900 ms–1.50 s, n=3)');
    expect(formatSummary(summarize([250]), formatDuration)).toBe('250 ms (n=1)');
  });

  it('lays the results out in the harness columns', () => {
    const table = renderResults([row({ measure: 'start-up: monitor --version', value: '120 ms', goal: '≤ 0.25 s', met: 'yes' })]);
    const lines = table.trim().split('\n');
    expect(lines[0]).toBe(`| ${TABLE_HEADER.join(' | ')} |`);
    expect(lines[2]).toBe('| start-up: monitor --version | 120 ms | — | — | ≤ 0.25 s | yes | — |  |');
  });
});
