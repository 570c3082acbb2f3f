/** Markdown rendering of the results: a pipe table, and figures as "median (min–max)". */
import type { Summary } from './summary-stats.js';

export { renderMarkdownTable } from '../../src/markdown/markdown-table.js';

/** Significant digits that keep 3 figures without trailing noise: 1234 → "1234", 12.34 → "12.3", 0.01234 → "0.0123". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(3);
}

/** Milliseconds as seconds ("1.23 s") or milliseconds below 1 s ("456 ms"). */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

/** Kilobytes (as /usr/bin/time and process.resourceUsage report them) as MB. */
export function formatKb(kb: number): string {
  return `${formatNumber(kb / 1024)} MB`;
}

/**
 * "median (min–max, n=repetitions)" in the given unit, the unit written once in the range
 * when min and max share it: "1.2 s (1.1–1.4 s, n=5)".
 */
export function formatSummary(summary: Summary, format: (value: number) => string): string {
  if (summary.n === 1 || summary.min === summary.max) return `${format(summary.median)} (n=${summary.n})`;
  const low = splitUnit(format(summary.min));
  const high = format(summary.max);
  const sameUnit = low.unit !== '' && splitUnit(high).unit === low.unit;
  return `${format(summary.median)} (${sameUnit ? low.number : low.number + low.unit}–${high}, n=${summary.n})`;
}

/** "1.23 s" → 1.23 and " s"; "2.1×" → 2.1 and "×". */
export function splitUnit(text: string): { number: string; unit: string } {
  const match = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(.*)$/.exec(text);
  return match === null ? { number: text, unit: '' } : { number: match[1] as string, unit: match[2] as string };
}

export function formatRatio(ratio: number): string {
  return `${formatNumber(ratio)}×`;
}
