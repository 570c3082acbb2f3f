/**
 * npm run bench: speed as ratios against a floor measured in the same run, never as
 * absolute thresholds. The floor is the bare scan of the same partitions the usage query
 * reads (what any tool must pay to look at the data); the ratio says what our SQL,
 * normalising and stats add on top.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { addDays, isoDate } from '../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../src/demo/generate.js';
import { DOMAIN_NAMES } from '../src/domains/registry.js';
import { usageDomain } from '../src/domains/usage.js';
import { attachContributors } from '../src/rootcause/attach-contributors.js';
import { runDomain } from '../src/run/run-domain.js';
import { openDuckDBWarehouse } from '../src/warehouse/duckdb.js';
import type { Warehouse } from '../src/warehouse/types.js';

const REPEATS = 5;
const END = isoDate('2026-03-31');

async function median(task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function bareScan(warehouse: Warehouse, from: string, to: string): Promise<unknown> {
  return warehouse.query({
    name: 'floor.sql',
    sql: 'SELECT dt, COUNT(*) AS n, SUM(tokens_consumed) AS t FROM `usage_daily` WHERE dt BETWEEN @a AND @b GROUP BY dt',
    params: { a: { type: 'DATE', value: isoDate(from) }, b: { type: 'DATE', value: isoDate(to) } },
    labels: {},
  });
}

const dir = mkdtempSync(join(tmpdir(), 'monitor-bench-'));
try {
  const path = join(dir, 'demo.duckdb');
  const started = performance.now();
  const summary = await generateDemoWarehouse(path, { seed: 42, days: 150, end: END });
  const generateMs = performance.now() - started;
  const totalRows = Object.values(summary.rowCounts).reduce((a, b) => a + b, 0);

  const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });
  const warehouse = await openDuckDBWarehouse(path, config.tables);
  const rangeStart = addDays(summary.start, 70);
  // The usage query for one date reads 70 baseline days plus the 27-day Heavy window.
  const floorOne = await median(() => bareScan(warehouse, addDays(END, -97), END));
  const oneDate = await median(() => runDomain({ domain: usageDomain, config, warehouse, from: END, to: END, toolVersion: 'bench' }));
  // Root cause runs only after something alerted: the drill-down for the date's alerts.
  const [endReport] = await runDomain({ domain: usageDomain, config, warehouse, from: END, to: END, toolVersion: 'bench' });
  if (endReport === undefined || endReport.alerts.length === 0) throw new Error(`bench: expected usage alerts on ${END} (the generator's last-day anomaly)`);
  const rootCause = await median(() => attachContributors([endReport], { domain: usageDomain, config, warehouse, toolVersion: 'bench' }));
  const floorRange = await median(() => bareScan(warehouse, summary.start, END));
  const range = await median(() => runDomain({ domain: usageDomain, config, warehouse, from: rangeStart, to: END, toolVersion: 'bench' }));
  await warehouse.close();

  const rows = [
    ['demo generation (150 days, all tables)', `${generateMs.toFixed(0)} ms`, `${Math.round(totalRows / (generateMs / 1000)).toLocaleString('en-US')} rows/s`],
    ['floor: bare scan, 98 days of usage_daily', `${floorOne.toFixed(0)} ms`, '1.0×'],
    ['usage, one date (query + stats)', `${oneDate.toFixed(0)} ms`, `${(oneDate / floorOne).toFixed(1)}× floor`],
    [`usage root cause for that date's ${endReport.alerts.length} alert(s) (drill-down + ranking)`, `${rootCause.toFixed(0)} ms`, `${(rootCause / floorOne).toFixed(1)}× floor`],
    ['floor: bare scan, 150 days of usage_daily', `${floorRange.toFixed(0)} ms`, '1.0×'],
    [`usage, ${80} dates in one query (backtest)`, `${range.toFixed(0)} ms`, `${(range / floorRange).toFixed(1)}× floor`],
  ];
  process.stdout.write(`| step | median of ${REPEATS} | ratio |\n|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
