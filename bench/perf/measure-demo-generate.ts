/**
 * `monitor demo generate --days 150` (spawned): time and peak RSS, against a floor run
 * after each generation on the file it wrote: DuckDB writing the same rows with nothing
 * left to compute (demo-write-floor.ts). The first file written is kept as the run's
 * 150-day warehouse, so this measure costs no extra generation beyond its repetitions.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TABLES } from '../../src/demo/constants.js';
import { row, type Measure } from './bench-context.js';
import { compileChildScript } from './child-scripts.js';
import { DemoWarehouses, type WarehouseSpec } from './demo-warehouses.js';
import { formatDuration, formatKb, formatNumber, formatRatio, formatSummary } from './markdown-table.js';
import { pairedRatios, summarize } from './summary-stats.js';

export const DEMO_GENERATE_GOAL_MS = 2000;
/** Includes the first generation, which the other measures would need anyway. */
const DEMO_GENERATE_BUDGET_S = 40;
const SPEC: WarehouseSpec = { days: 150, scale: 1 };

interface FloorResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rows: number;
}

export const demoGenerateMeasure: Measure = {
  name: 'demo-generate',
  description: 'monitor demo generate --days 150, vs DuckDB writing the same rows from memory',
  budgetSeconds: DEMO_GENERATE_BUDGET_S,
  method:
    "**demo generate**: `monitor demo generate --seed 42 --days 150 --end 2026-03-31 --out F`, spawned; the first file is kept as the run's 150-day warehouse. Its floor, after each generation: a bare script (bench/perf/demo-write-floor.ts) copies that file's tables into in-memory TEMP tables, then times only `CREATE TABLE … AS SELECT` of each into a new database file and the `CHECKPOINT`: what writing these rows costs DuckDB with nothing left to compute.",
  async run(context) {
    const floorScript = compileChildScript('demo-write-floor', context.workDir);
    const wall: number[] = [];
    const rss: number[] = [];
    const floors: FloorResult[] = [];
    let rows = 0;
    let reps = 1;
    for (let rep = 0; rep < reps; rep += 1) {
      context.log(`  generation ${rep + 1}${rep === 0 ? '' : `/${reps}`}`);
      const out = join(context.workDir, `generated-${rep}.duckdb`);
      const run = await context.node(DemoWarehouses.generateArgs(SPEC, out), { captureStdout: true });
      wall.push(run.wallMs);
      rss.push(run.maxRssKb);
      rows = [...run.stdout.matchAll(/\b([a-z_]+) (\d+)\b/g)].filter((m) => m[1] !== 'seed' && m[1] !== 'scale').reduce((sum, m) => sum + Number(m[2]), 0);
      const floor = await context.node([floorScript, out, join(context.workDir, 'floor-copy.duckdb'), ...DEMO_TABLES], { captureStdout: true });
      floors.push(JSON.parse(floor.stdout) as FloorResult);
      if (floors[floors.length - 1]?.rows !== rows) throw new Error(`the floor wrote ${floors[floors.length - 1]?.rows} rows, the generator ${rows}`);
      if (!context.warehouses.has(SPEC)) context.warehouses.adopt(SPEC, out, run);
      else rmSync(out, { force: true });
      if (rep === 0) reps = context.budget.fit(run.wallMs + floor.wallMs, DEMO_GENERATE_BUDGET_S, 1, 5);
    }
    const time = summarize(wall);
    const floorMs = floors.map((floor) => floor.seconds * 1000);
    const floorTime = summarize(floorMs);
    const ratio = summarize(pairedRatios(wall, floorMs));
    return [
      row({
        measure: 'floor: DuckDB writing the same rows from memory',
        value: formatSummary(floorTime, formatDuration),
        notes: `CPU ${formatDuration(summarize(floors.map((floor) => floor.cpuSeconds * 1000)).median)} (DuckDB's threads)`,
      }),
      row({
        measure: 'demo generate --days 150',
        value: formatSummary(time, formatDuration),
        floor: 'DuckDB writing the rows',
        ratio: formatSummary(ratio, formatRatio),
        goal: `≤ ${DEMO_GENERATE_GOAL_MS / 1000} s`,
        met: time.median <= DEMO_GENERATE_GOAL_MS ? 'yes' : 'no',
        peakRss: formatKb(summarize(rss).median),
        notes: `${formatNumber(rows / 1e6)} M rows, ${formatNumber(rows / (time.median / 1000) / 1e6)} M rows/s`,
      }),
    ];
  },
};
