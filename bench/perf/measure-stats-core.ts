/**
 * The stats core alone: series-days evaluated per second through the public evaluator at
 * a 10-week and a 52-week baseline (the worker, stats-core.ts, runs the compiled dist/ in
 * plain node). No floor; the 52-week cost is set against the 10-week one, as the median
 * of the per-repetition ratios.
 */
import { join } from 'node:path';
import { REPO_DIR, row, type Measure } from './bench-context.js';
import { compileChildScript } from './child-scripts.js';
import { formatNumber, formatRatio, formatSummary } from './markdown-table.js';
import { pairedRatios, summarize } from './summary-stats.js';

export const STATS_RATE_GOAL = 2_000_000;
export const STATS_52W_COST_GOAL = 2;
const EVALUATED_DAYS = 365;
const SERIES = 200;
/** A repetition of the 10-week setting lasts at least this long (half with --quick). */
const MIN_REP_SECONDS = 0.5;

interface WorkerResult {
  readonly passes: number;
  readonly seconds: { readonly w10: number[]; readonly w52: number[]; readonly whole10: number[] };
  readonly alerts: { readonly w10: number; readonly w52: number; readonly whole10: number };
}

const rate = (value: number): string => `${formatNumber(value / 1e6)} M/s`;

export const statsCoreMeasure: Measure = {
  name: 'stats-core',
  description: 'series-days evaluated per second at 10 and 52 weeks (dist/, plain node)',
  budgetSeconds: 15,
  method:
    '**stats core**: every one of 365 days of 200 deterministic synthetic series (weekly pattern, 5 % noise, trend, rare shocks; 52 weeks + 84 days of history) through `SeriesEvaluator` with the default detector settings at weeks 10 and 52, model building included; series-days per second. Each day is scored as the daily run and the backtest score it (`scoreSeries`): a verdict (`judge`) for every day, and the whole evaluation, with the baseline days an alert shows, for the alerting days; a third row scores every day as a whole evaluation (what explain and the HTML report charts ask of the days they show). It runs the compiled dist/ in a plain-node worker (bench/perf/stats-core.ts), not src/ through tsx, whose transform slows hot loops; a JIT warm-up first, then repetitions of enough passes over the set to last ≥ 0.5 s, the settings alternating.',
  async run(context) {
    const worker = compileChildScript('stats-core', context.workDir);
    const reps = context.reps(5, 3);
    const minSeconds = context.options.quick ? MIN_REP_SECONDS / 2 : MIN_REP_SECONDS;
    const run = await context.node([worker, join(REPO_DIR, 'dist'), String(SERIES), String(EVALUATED_DAYS), String(minSeconds), String(reps)], { captureStdout: true });
    const result = JSON.parse(run.stdout) as WorkerResult;
    const seriesDays = SERIES * EVALUATED_DAYS * result.passes;
    const rates = (key: 'w10' | 'w52' | 'whole10') => summarize(result.seconds[key].map((s) => seriesDays / s));
    const cost = summarize(pairedRatios(result.seconds.w52, result.seconds.w10));
    const size = `${SERIES} series × ${EVALUATED_DAYS} days${result.passes > 1 ? ` × ${result.passes} passes` : ''}`;
    return [
      row({
        measure: `stats core, 10-week baseline (${size})`,
        value: formatSummary(rates('w10'), rate),
        goal: `≥ ${STATS_RATE_GOAL / 1e6} M/s`,
        met: rates('w10').median >= STATS_RATE_GOAL ? 'yes' : 'no',
        notes: `series-days/s; ${result.alerts.w10} alerting days per pass`,
      }),
      row({ measure: `stats core, 52-week baseline (${size})`, value: formatSummary(rates('w52'), rate), notes: `series-days/s; ${result.alerts.w52} alerting days per pass` }),
      row({
        measure: `stats core, 10 weeks, every day a whole evaluation (${size})`,
        value: formatSummary(rates('whole10'), rate),
        notes: 'series-days/s; what explain and the HTML report ask of the days they show',
      }),
      row({
        measure: 'stats core: cost per series-day, 52 weeks vs 10',
        value: formatSummary(cost, formatRatio),
        floor: '10-week cost',
        ratio: formatSummary(cost, formatRatio),
        goal: `≤ ${STATS_52W_COST_GOAL}×`,
        met: cost.median <= STATS_52W_COST_GOAL ? 'yes' : 'no',
      }),
    ];
  },
};
