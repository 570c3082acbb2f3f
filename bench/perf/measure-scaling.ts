/**
 * How time and peak RSS grow with the data: `run --all --dry-run` and `backtest --all`
 * over the last 60 days on demo warehouses of 1×, 4× and 16× the users (150 days;
 * `demo generate --scale`) and of 150 vs 730 days (1×). Each figure is set against the
 * 1×, 150-day one, next to the data-size ratio (rows of usage_daily); the goal is growth
 * at most linear: time and RSS ratios no larger than the data ratio. Each round runs
 * every warehouse once, so the ratios are paired within rounds.
 */
import { addDays, isoDate } from '../../src/dates/iso-date.js';
import { BIN, END_DATE, row, type Measure, type ResultRow } from './bench-context.js';
import type { DemoWarehouse, WarehouseSpec } from './demo-warehouses.js';
import { formatDuration, formatKb, formatNumber, formatRatio, formatSummary } from './markdown-table.js';
import { pairedRatios, summarize } from './summary-stats.js';

const BASE: WarehouseSpec = { days: 150, scale: 1 };
const SPECS: readonly WarehouseSpec[] = [BASE, { days: 150, scale: 4 }, { days: 150, scale: 16 }, { days: 730, scale: 1 }];
export const SCALING_BACKTEST_DAYS = 60;
/**
 * Seconds of rounds (the first one included), generation not included. The first round
 * alone, with its 16× warehouse, is a few minutes: the measures before this one keep
 * that much of the run's deadline for it.
 */
const SCALING_BUDGET_S = 240;

function label(spec: WarehouseSpec): string {
  return `${spec.days} d, ${spec.scale}× users`;
}

export const scalingMeasure: Measure = {
  name: 'scaling',
  description: 'run --all and a 60-day backtest at 1×/4×/16× users and 150/730 days: time and peak RSS vs data size',
  budgetSeconds: SCALING_BUDGET_S,
  method:
    '**scaling**: `run --all --dry-run` and `backtest --all` over the last 60 days, spawned, on demo warehouses of 150 days × 1, 4 and 16 users (`demo generate --scale`) and 730 days × 1; time and peak RSS as ratios to the 150-day × 1 figure (paired per round), next to the data ratio (rows of usage_daily). Met when both ratios are at most the data ratio.',
  async run(context) {
    const hasScale = context.warehouses.hasScale();
    const specs = SPECS.filter((spec) => spec.scale === 1 || hasScale);
    const warehouses: DemoWarehouse[] = [];
    for (const spec of specs) warehouses.push(await context.warehouses.get(spec));
    const to = isoDate(END_DATE);
    const from = addDays(to, -(SCALING_BACKTEST_DAYS - 1));
    const commands = {
      run: (w: DemoWarehouse) => [BIN, 'run', '--all', '--date', END_DATE, '--dry-run', '--config', w.configPath, '--format', 'json'],
      backtest: (w: DemoWarehouse) => [BIN, 'backtest', '--all', '--from', from, '--to', to, '--config', w.configPath, '--format', 'json'],
    };
    type Kind = keyof typeof commands;
    const kinds: readonly Kind[] = ['run', 'backtest'];
    const wall = new Map<string, number[]>();
    const rss = new Map<string, number[]>();
    const key = (kind: Kind, w: DemoWarehouse): string => `${kind} ${label(w.spec)}`;
    // Warm-up of the binary on the smallest warehouse only: the others were just written
    // (in the page cache), and a warm-up of the largest would cost a round.
    for (const kind of kinds) await context.node(commands[kind](warehouses[0] as DemoWarehouse));
    let rounds = 1;
    for (let round = 0; round < rounds; round += 1) {
      context.log(`  round ${round + 1}${round === 0 ? '' : `/${rounds}`}`);
      const roundStarted = performance.now();
      for (let k = 0; k < warehouses.length; k += 1) {
        const w = warehouses[(round + k) % warehouses.length] as DemoWarehouse;
        for (const kind of kinds) {
          const run = await context.node(commands[kind](w));
          wall.set(key(kind, w), [...(wall.get(key(kind, w)) ?? []), run.wallMs]);
          rss.set(key(kind, w), [...(rss.get(key(kind, w)) ?? []), run.maxRssKb]);
        }
      }
      if (round === 0) rounds = context.budget.fit(performance.now() - roundStarted, SCALING_BUDGET_S, 1, 3);
    }

    const base = warehouses[0] as DemoWarehouse;
    const rows: ResultRow[] = [];
    for (const kind of kinds) {
      const what = kind === 'run' ? 'run --all --dry-run' : `backtest --all, last ${SCALING_BACKTEST_DAYS} days`;
      for (const spec of SPECS) {
        const w = warehouses.find((x) => x.spec.days === spec.days && x.spec.scale === spec.scale);
        if (w === undefined) {
          rows.push(row({ measure: `scaling: ${what}, ${label(spec)}`, value: 'n/a (no --scale)', met: 'n/a', notes: '`monitor demo generate` has no --scale in this build' }));
          continue;
        }
        const times = wall.get(key(kind, w)) as number[];
        const peaks = rss.get(key(kind, w)) as number[];
        const value = formatSummary(summarize(times), formatDuration);
        const peakRss = formatKb(summarize(peaks).median);
        if (w === base) {
          rows.push(row({ measure: `scaling: ${what}, ${label(spec)}`, value, peakRss, notes: `reference (usage_daily ${w.usageRows.toLocaleString('en-US')} rows)` }));
          continue;
        }
        const dataRatio = w.usageRows / base.usageRows;
        const timeRatio = summarize(pairedRatios(times, wall.get(key(kind, base)) as number[]));
        const rssRatio = summarize(pairedRatios(peaks, rss.get(key(kind, base)) as number[]));
        rows.push(
          row({
            measure: `scaling: ${what}, ${label(spec)}`,
            value,
            floor: label(base.spec),
            ratio: `time ${formatSummary(timeRatio, formatRatio)}; RSS ${formatRatio(rssRatio.median)}`,
            goal: `≤ data ×${formatNumber(dataRatio)}`,
            met: timeRatio.median <= dataRatio && rssRatio.median <= dataRatio ? 'yes' : 'no',
            peakRss,
            notes: `usage_daily ${w.usageRows.toLocaleString('en-US')} rows (×${formatNumber(dataRatio)}); generated in ${formatDuration(w.generation.wallMs)}`,
          }),
        );
      }
    }
    return rows;
  },
};
