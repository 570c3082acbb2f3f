/**
 * Measures demo generation (not a test: timings depend on the machine, so no test
 * asserts them). Run: npx tsx test/demo/measure-generation.ts [days] [seed] [end] [scale]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { isoDate } from '../../src/dates/iso-date.js';
import { buildDemoData } from '../../src/demo/demo-data.js';
import { expandSubscriptionPeriods } from '../../src/demo/subscriptions-daily.js';
import { generateDemoWarehouse } from '../../src/demo/generate.js';
import { makeTempDir } from './helpers/temp-warehouse.js';

const [days = '150', seed = '42', end = '2026-11-24', scale = '1'] = process.argv.slice(2);
const options = { seed: Number(seed), days: Number(days), end: isoDate(end), scale: Number(scale) };
const dir = makeTempDir();
try {
  let started = performance.now();
  const data = buildDemoData(options);
  // The writer pulls these from the generators; here they are only drained.
  for (const batch of expandSubscriptionPeriods(data.subscriptions().periods, data.population, data.calendar.days)) void batch;
  for (const batch of data.apiRequestBatches()) void batch;
  data.gpuCost();
  for (const batch of data.usageBatches()) void batch;
  const inMemoryMs = performance.now() - started;
  started = performance.now();
  const summary = await generateDemoWarehouse(join(dir, 'demo.duckdb'), options);
  const totalMs = performance.now() - started;
  console.log(`options: ${JSON.stringify(options)}`);
  console.log(`generateDemoWarehouse: ${Math.round(totalMs)} ms in total (generating in memory alone takes ${Math.round(inMemoryMs)} ms; the writer overlaps it with DuckDB's inserts)`);
  console.log('rows:', summary.rowCounts);
  for (const a of summary.anomalies) {
    const dates = a.start === a.end ? a.start : `${a.start}…${a.end}`;
    const cause = a.rootCause === null ? '' : ` [${a.rootCause.dimension}: ${a.rootCause.member}]`;
    console.log(`${dates.padEnd(22)} ${a.domain.padEnd(11)} ${`${a.series} / ${a.metric}`.padEnd(42)} ${a.direction.padEnd(4)} ×${String(a.magnitude).padEnd(4)} ≥${a.expectedSeverity.padEnd(8)}${cause}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
