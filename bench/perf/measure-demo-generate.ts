/**
 * `monitor demo generate --days 150` (spawned): time and peak RSS. The first file
 * written is kept as the run's 150-day warehouse, so this measure costs no extra
 * generation beyond its repetitions.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { row, type Measure } from './bench-context.js';
import { DemoWarehouses, type WarehouseSpec } from './demo-warehouses.js';
import { formatDuration, formatKb, formatNumber, formatSummary } from './markdown-table.js';
import { summarize } from './summary-stats.js';

export const DEMO_GENERATE_GOAL_MS = 2000;
/** Includes the first generation, which the other measures would need anyway. */
const DEMO_GENERATE_BUDGET_S = 30;
const SPEC: WarehouseSpec = { days: 150, scale: 1 };

export const demoGenerateMeasure: Measure = {
  name: 'demo-generate',
  description: 'monitor demo generate --days 150',
  budgetSeconds: DEMO_GENERATE_BUDGET_S,
  method: '**demo generate**: `monitor demo generate --seed 42 --days 150 --end 2026-03-31 --out F`, spawned; the first file is kept as the run\'s 150-day warehouse.',
  async run(context) {
    const wall: number[] = [];
    const rss: number[] = [];
    let rows = 0;
    let reps = 1;
    for (let rep = 0; rep < reps; rep += 1) {
      context.log(`  generation ${rep + 1}${rep === 0 ? '' : `/${reps}`}`);
      const out = join(context.workDir, `generated-${rep}.duckdb`);
      const run = await context.node(DemoWarehouses.generateArgs(SPEC, out), { captureStdout: true });
      wall.push(run.wallMs);
      rss.push(run.maxRssKb);
      rows = [...run.stdout.matchAll(/\b([a-z_]+) (\d+)\b/g)].filter((m) => m[1] !== 'seed' && m[1] !== 'scale').reduce((sum, m) => sum + Number(m[2]), 0);
      if (!context.warehouses.has(SPEC)) context.warehouses.adopt(SPEC, out, run);
      else rmSync(out, { force: true });
      if (rep === 0) reps = context.budget.fit(run.wallMs, DEMO_GENERATE_BUDGET_S, 1, 5);
    }
    const time = summarize(wall);
    return [
      row({
        measure: 'demo generate --days 150',
        value: formatSummary(time, formatDuration),
        goal: `≤ ${DEMO_GENERATE_GOAL_MS / 1000} s`,
        met: time.median <= DEMO_GENERATE_GOAL_MS ? 'yes' : 'no',
        peakRss: formatKb(summarize(rss).median),
        notes: `${formatNumber(rows / 1e6)} M rows, ${formatNumber(rows / (time.median / 1000) / 1e6)} M rows/s`,
      }),
    ];
  },
};
