/**
 * `monitor backtest --all` over 365 days (spawned) on the 730-day demo warehouse (365
 * days plus the detector's ~234-day lookback), against its floor: the daily run
 * (`run --all --date d --dry-run`, through the CLI's main()) for each of those dates, all
 * in one process (single-runs.mjs). 365 of them do not fit the time budget, so a
 * deterministic sample of dates spread evenly over the range is run (as many as fit the
 * budget, every prefix of the sample spread over the whole range) and the median per run
 * × 365 is the floor: the table says so.
 */
import { addDays, dateRange, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { BIN, DIST_CLI, END_DATE, row, type Measure } from './bench-context.js';
import { compileChildScript } from './child-scripts.js';
import { formatDuration, formatKb, formatRatio, formatSummary } from './markdown-table.js';
import { scaleSummary, summarize, type Summary } from './summary-stats.js';
import { spreadOrder } from './time-budget.js';

export const BACKTEST_DAYS = 365;
export const BACKTEST_SPEEDUP_GOAL = 50;
/** The sample of single-date runs: at most this many dates, evenly spaced over the range. */
const MAX_SAMPLE = 20;
const MIN_SAMPLE = 5;
/** Seconds for the single-date runs, and for the backtest's repetitions (a third with --quick). */
const SINGLES_BUDGET_S = 45;
const BACKTEST_BUDGET_S = 45;

/** `count` dates spread evenly over the range, first and last included, in spreadOrder. */
export function sampleDates(dates: readonly IsoDate[], count: number): IsoDate[] {
  const n = Math.min(count, dates.length);
  if (n <= 0) return [];
  const grid = n === 1 ? [dates[Math.floor(dates.length / 2)] as IsoDate] : Array.from({ length: n }, (_, i) => dates[Math.round((i * (dates.length - 1)) / (n - 1))] as IsoDate);
  return spreadOrder(n).map((i) => grid[i] as IsoDate);
}

export const backtestMeasure: Measure = {
  name: 'backtest',
  description: 'backtest --all over 365 days vs 365 single-date runs in one process; peak RSS',
  budgetSeconds: SINGLES_BUDGET_S + BACKTEST_BUDGET_S,
  method:
    '**backtest**: `backtest --all` over the last 365 days of a 730-day demo warehouse, spawned. Floor: `run --all --date d --dry-run` through the CLI\'s `main()` (dist/cli.js) for each date, all in one plain-node process (bench/perf/single-runs.ts) after one warm-up run; 365 runs do not fit the time budget, so a deterministic sample of dates spread evenly over the range is run (as many of 20 as fit 45 s, at least 5) and its median × 365 is the floor (the ratio\'s range pairs the extremes, not rounds).',
  async run(context) {
    const warehouse = await context.warehouses.get({ days: 730, scale: 1 });
    const to = isoDate(END_DATE);
    const from = addDays(to, -(BACKTEST_DAYS - 1));
    const dates = dateRange(from, to);
    const args = [BIN, 'backtest', '--all', '--from', from, '--to', to, '--config', warehouse.configPath, '--format', 'json'];
    const singleRuns = compileChildScript('single-runs', context.workDir);

    const backtests: { wall: number; rss: number; cpu: number }[] = [];
    const backtest = async (): Promise<void> => {
      const run = await context.node(args);
      backtests.push({ wall: run.wallMs, rss: run.maxRssKb, cpu: run.cpuMs });
    };
    context.log('  backtest 1');
    await backtest();
    const reps = context.budget.fit((backtests[0] as { wall: number }).wall, BACKTEST_BUDGET_S, 2, 5);

    const sample = sampleDates(dates, MAX_SAMPLE);
    const budgetMs = Math.round(context.budget.budgetMs(SINGLES_BUDGET_S));
    const minSample = context.options.quick ? 3 : MIN_SAMPLE;
    context.log(`  single-date runs in one process (up to ${sample.length}, ${(budgetMs / 1000).toFixed(0)} s) …`);
    const warmUp = dates[Math.floor(dates.length / 3)] as IsoDate;
    const singles = await context.node([singleRuns, DIST_CLI, warehouse.configPath, warmUp, sample.join(','), String(budgetMs), String(minSample)], { captureStdout: true });
    const perRunMs = (JSON.parse(singles.stdout) as { ms: number[] }).ms;
    const perRun = summarize(perRunMs);
    for (let rep = 1; rep < reps; rep += 1) {
      context.log(`  backtest ${rep + 1}/${reps}`);
      await backtest();
    }

    const time = summarize(backtests.map((b) => b.wall));
    const floor: Summary = scaleSummary(perRun, BACKTEST_DAYS);
    const speedup = floor.median / time.median;
    // Not paired (one floor process): the range pairs the extremes.
    const spread = ` (${formatRatio(floor.min / time.max)}–${formatRatio(floor.max / time.min)})`;
    const sampled = [...sample.slice(0, perRunMs.length)].sort();
    return [
      row({
        measure: `floor: ${BACKTEST_DAYS} × run --all --date d --dry-run in one process`,
        value: `${formatDuration(floor.median)} (extrapolated)`,
        notes: `median of ${perRunMs.length} sampled dates (${sampled[0]} … ${sampled.at(-1)}) × ${BACKTEST_DAYS}; per run ${formatSummary(perRun, formatDuration)}; peak RSS of that process ${formatKb(singles.maxRssKb)}`,
      }),
      row({
        measure: `backtest --all, ${BACKTEST_DAYS} days (730-day warehouse)`,
        value: formatSummary(time, formatDuration),
        floor: `${BACKTEST_DAYS} single-date runs`,
        ratio: `${formatRatio(speedup)} faster${spread}`,
        goal: `≥ ${BACKTEST_SPEEDUP_GOAL}× faster`,
        met: speedup >= BACKTEST_SPEEDUP_GOAL ? 'yes' : 'no',
        peakRss: formatSummary(summarize(backtests.map((b) => b.rss)), formatKb),
        notes: `CPU ${formatDuration(summarize(backtests.map((b) => b.cpu)).median)}`,
      }),
    ];
  },
};
