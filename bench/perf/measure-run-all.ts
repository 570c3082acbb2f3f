/**
 * `monitor run --all --date D` on the 150-day demo warehouse, with and without --dry-run,
 * against its floor: bare-queries.mjs running the very SQL the CLI renders, with the same
 * parameters (record-queries.ts), as its own process — the CLI's start-up is part of what
 * it is judged on, so the floor pays node's start-up too, and nothing else.
 *
 * Two floors: the main queries only, and main + drill-down (the run's real work; the
 * headline ratio). Each round runs the four processes back to back, in an order rotated
 * per round; each ratio is the median of the per-round ratios.
 */
import { join } from 'node:path';
import { BIN, END_DATE, row, type BenchContext, type Measure, type ResultRow } from './bench-context.js';
import { compileChildScript } from './child-scripts.js';
import { formatDuration, formatKb, formatRatio, formatSummary } from './markdown-table.js';
import { recordRunAllQueries } from './record-queries.js';
import { pairedRatios, summarize } from './summary-stats.js';
import { rotatedRounds } from './time-budget.js';
import type { TimedRun } from './timed-spawn.js';

export const RUN_ALL_GOAL = 1.3;
/** Seconds of rounds after the warm-up (a third with --quick). */
const RUN_ALL_BUDGET_S = 90;

export const runAllMeasure: Measure = {
  name: 'run-all',
  description: 'run --all (dry and not) vs a bare script running the same SQL; peak RSS',
  budgetSeconds: RUN_ALL_BUDGET_S,
  method:
    '**run --all** (150-day demo warehouse, `--date 2026-03-31 --format json > /dev/null`, spawned): the floor is bench/perf/bare-queries.ts, spawned as its own plain-node process (so it pays node start-up like the CLI, and nothing else): it loads @duckdb/node-api, opens the same file read-only, defines the same compat macros, runs exactly the SQL text the CLI renders with the same typed parameters, reads every row, closes. The queries are recorded in a setup step that does what `scoreDomain` does (main query from D − 14 lifecycle days, then the drill-down for the alerts) and are checked against the queries the built CLI sends in-process (DuckDBConnection.runAndReadAll wrapped). Floor A: the 5 main queries; floor B: main + drill-down (the headline ratio). The not-dry run has no webhook (alerts printed, recorded in a scratch state file). One warm-up round, then rounds of the four processes in rotated order.',
  async run(context) {
    const warehouse = await context.warehouses.get({ days: 150, scale: 1 });
    context.log('recording the queries run --all sends …');
    const recorded = await recordRunAllQueries(warehouse, END_DATE, join(context.workDir, 'run-all-queries.json'));
    const mainCount = recorded.queries.filter((q) => q.kind === 'main').length;
    const drillCount = recorded.queries.length - mainCount;
    const bare = compileChildScript('bare-queries', context.workDir);

    // The floor must read what the CLI read: the same number of rows per query.
    const check = await context.node([bare, recorded.file, 'all'], { captureStdout: true });
    const rows = (JSON.parse(check.stdout) as { rows: number[] }).rows;
    const expected = recorded.queries.map((q) => q.rows);
    if (rows.join() !== expected.join()) throw new Error(`the floor read rows ${rows.join()} but the CLI's queries return ${expected.join()}`);

    const cli = (dryRun: boolean): string[] => [BIN, 'run', '--all', '--date', END_DATE, ...(dryRun ? ['--dry-run'] : []), '--config', warehouse.configPath, '--format', 'json'];
    const tasks = {
      floorMain: () => context.node([bare, recorded.file, 'main']),
      floorAll: () => context.node([bare, recorded.file, 'all']),
      dry: () => context.node(cli(true)),
      live: () => context.node(cli(false)),
    };
    const names = Object.keys(tasks) as (keyof typeof tasks)[];
    // The warm-up round also creates the state file the not-dry run writes.
    const runs = await rotatedRounds(context.budget, names.map((name) => tasks[name]), { seconds: RUN_ALL_BUDGET_S, min: 3, max: 10 }, context.log);
    const samples = Object.fromEntries(names.map((name, i) => [name, runs[i] as TimedRun[]])) as Record<keyof typeof tasks, TimedRun[]>;
    const wall = (name: keyof typeof tasks) => samples[name].map((s) => s.wallMs);
    const cpu = (name: keyof typeof tasks) => samples[name].map((s) => s.cpuMs);
    const rss = (name: keyof typeof tasks) => formatKb(summarize(samples[name].map((s) => s.maxRssKb)).median);
    const floorMainText = `${mainCount} main queries`;
    const floorAllText = `${mainCount} main + ${drillCount} drill-down queries`;
    const result: ResultRow[] = [
      row({ measure: `floor A: bare script, ${floorMainText}`, value: formatSummary(summarize(wall('floorMain')), formatDuration), peakRss: rss('floorMain'), notes: `CPU ${formatDuration(summarize(cpu('floorMain')).median)}` }),
      row({ measure: `floor B: bare script, ${floorAllText}`, value: formatSummary(summarize(wall('floorAll')), formatDuration), peakRss: rss('floorAll'), notes: `CPU ${formatDuration(summarize(cpu('floorAll')).median)}` }),
    ];
    for (const [name, label] of [
      ['dry', 'run --all --dry-run, 150 days'],
      ['live', 'run --all (not dry: no webhook, state file), 150 days'],
    ] as const) {
      const time = summarize(wall(name));
      for (const [floor, floorLabel] of [
        ['floorAll', 'B (main + drill-down)'],
        ['floorMain', 'A (main only)'],
      ] as const) {
        const ratio = summarize(pairedRatios(wall(name), wall(floor)));
        const cpuRatio = summarize(pairedRatios(cpu(name), cpu(floor)));
        result.push(
          row({
            measure: label,
            value: formatSummary(time, formatDuration),
            floor: floorLabel,
            ratio: formatSummary(ratio, formatRatio),
            goal: floor === 'floorAll' ? `≤ ${RUN_ALL_GOAL}×` : '—',
            met: floor === 'floorAll' ? (ratio.median <= RUN_ALL_GOAL ? 'yes' : 'no') : '—',
            peakRss: rss(name),
            notes: `CPU ratio ${formatRatio(cpuRatio.median)} (CPU ${formatDuration(summarize(cpu(name)).median)})`,
          }),
        );
      }
    }
    return result;
  },
};
