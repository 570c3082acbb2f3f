/** The results as a Markdown table, and BENCHMARKS.md around it. */
import type { MachineInfo } from './machine-info.js';
import { formatNumber, renderMarkdownTable } from './markdown-table.js';
import type { ResultRow } from './bench-context.js';

export const TABLE_HEADER = ['measure', 'median (min–max)', 'floor / reference', 'ratio (min–max)', 'goal', 'met', 'peak RSS', 'notes'] as const;

export function renderResults(rows: readonly ResultRow[]): string {
  return renderMarkdownTable(
    TABLE_HEADER,
    rows.map((r) => [r.measure, r.value, r.floor, r.ratio, r.goal, r.met, r.peakRss, r.notes]),
  );
}

export interface ReportHead {
  readonly machine: MachineInfo;
  readonly loadAtEnd: number;
  readonly command: string;
  readonly date: Date;
  readonly durationMs: number;
  readonly probe: string;
  readonly quick: boolean;
  /** The code measured: commit, and whether the working tree had changes. */
  readonly code: string;
}

/**
 * `history` is bench/perf/before-after.md, kept by hand: what each optimisation changed,
 * measured before and after it (a run measures only the code as it is).
 */
export function renderBenchmarksFile(head: ReportHead, table: string, methods: readonly string[], history: string): string {
  const m = head.machine;
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts, bench/perf/). Every figure is the median over
several repetitions with its spread (min–max); a ratio is to a floor measured in the same
run, in the same rounds (the median of the per-round ratios), so the load of the machine
weighs on the figure and its floor alike. Wall time throughout, as a user waits for it;
CPU time is in the notes where a busy machine makes wall time noisy.${head.quick ? '\n\n**A `--quick` run: fewer repetitions and samples; the figures are indicative only.**' : ''}

- **Machine:** ${m.cpu}, ${m.cores} cores, ${formatNumber(m.ramGiB)} GiB RAM; Node ${m.node}; ${m.os}
- **Load average (1 min):** ${formatNumber(m.loadAverage)} at the start, ${formatNumber(head.loadAtEnd)} at the end (the run's own processes keep about one core busy)${m.loadAverage > m.cores / 2 ? ' — other work was running: wall times are inflated, ratios less so' : ''}
- **Command:** \`${head.command}\`; code: ${head.code}
- **Date:** ${head.date.toISOString().replace(/\.\d+Z$/, 'Z')}; the run took ${formatNumber(head.durationMs / 60000)} min
- **Peak RSS:** ${head.probe}

${table}
## How each figure is measured

${methods.map((text) => `- ${text}`).join('\n')}

${history.trim()}
`;
}
