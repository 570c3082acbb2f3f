import type { DataQualityFinding } from './alert.js';

/** One kind of problem and what it hit, for people (text, Slack); JSON keeps one finding per value. */
export interface DataQualityGroup {
  /** The problem without its row count, e.g. "duplicate usage_daily rows for one (dt, user_id) …". */
  readonly what: string;
  /** The largest row count among the series it hit (0 when the problem has no count). */
  readonly rows: number;
  readonly series: readonly string[];
  readonly metrics: readonly string[];
}

/**
 * Groups findings by kind of problem: a day loaded twice hits every series and metric, and
 * is one line to act on, not 228. Counts are per series and series may overlap (a total and
 * its tiers), so the largest is kept, never a sum.
 */
export function groupDataQuality(findings: readonly DataQualityFinding[]): DataQualityGroup[] {
  const byProblem = new Map<string, { rows: number; series: Set<string>; metrics: Set<string> }>();
  for (const finding of findings) {
    for (const problem of finding.problems) {
      const match = /^(\d+) (.*)$/.exec(problem);
      const what = match?.[2] ?? problem;
      const entry = byProblem.get(what) ?? { rows: 0, series: new Set<string>(), metrics: new Set<string>() };
      byProblem.set(what, entry);
      if (match?.[1] !== undefined) entry.rows = Math.max(entry.rows, Number(match[1]));
      entry.series.add(finding.seriesLabel);
      entry.metrics.add(finding.metricLabel);
    }
  }
  return [...byProblem].map(([what, e]) => ({ what, rows: e.rows, series: [...e.series], metrics: [...e.metrics] }));
}

/** "5 duplicate rows …" / "up to 2,807 duplicate rows … per series". */
export function problemText(group: DataQualityGroup): string {
  if (group.rows === 0) return group.what;
  const count = group.rows.toLocaleString('en-US');
  return group.series.length > 1 ? `up to ${count} ${group.what} per series` : `${count} ${group.what}`;
}

/** "a, b, c and 4 more series": enough to act on, short enough to read. */
export function listSome(items: readonly string[], noun: string, shown = 4): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more ${noun}`;
}

export function dataQualityHeadline(count: number): string {
  return `${count} value${count === 1 ? '' : 's'} not scored: the data behind ${count === 1 ? 'it' : 'them'} cannot be trusted`;
}
