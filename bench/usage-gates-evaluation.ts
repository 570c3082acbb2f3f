/**
 * Judges the usage minimum-change gates on the generated warehouse: false alerts per
 * series per 30 clean days and injected anomalies found, with no gates, with the seed
 * team's drop gates only, and with the shipped config. Run: npx tsx bench/usage-gates-evaluation.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { addDays, dateRange, isoDate } from '../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../src/demo/generate.js';
import { usageDomain } from '../src/domains/usage.js';
import { runDomain } from '../src/run/run-domain.js';
import { openDuckDBWarehouse } from '../src/warehouse/duckdb.js';
import type { Config } from '../src/config/schema.js';
function variant(config: Config, mode: string): Config {
  const c = structuredClone(config);
  for (const [name, s] of Object.entries(c.domains['usage']!.series!)) {
    for (const [m, o] of Object.entries(s.metrics ?? {})) {
      if (mode === 'drop-only') { if (m === 'video_generations') delete s.metrics![m]; else o.minChange = { down: o.minChange?.down }; }
      if (mode === 'none') delete o.minChange;
    }
  }
  return c;
}
for (const seed of [42, 7, 123]) {
  const dir = mkdtempSync(join(tmpdir(), 'fp-'));
  const summary = await generateDemoWarehouse(join(dir, 'd.duckdb'), { seed, days: 150, end: isoDate('2026-03-31') });
  const base = loadConfig({ knownDomains: ['usage'] }).config;
  for (const mode of ['none', 'drop-only', 'shipped']) {
    const config = mode === 'shipped' ? base : variant(base, mode);
    const wh = await openDuckDBWarehouse(join(dir, 'd.duckdb'), config.tables);
    const reports = await runDomain({ domain: usageDomain, config, warehouse: wh, from: addDays(summary.start, 70), to: summary.end, toolVersion: 'x' });
    await wh.close();
    const anoms = summary.anomalies.filter((a) => a.domain === 'usage');
    const anomalyDays = new Set(anoms.flatMap((a) => dateRange(a.start, a.end).map((d) => `${a.series}@${d}`)));
    let clean = 0, cleanDays = 0;
    for (const s of usageDomain.knownSeries) for (const r of reports) if (!anomalyDays.has(`${s.key}@${r.date}`)) { cleanDays++; clean += r.alerts.filter((a) => a.series === s.key).length; }
    const found = anoms.filter((a) => reports.find((r) => r.date === a.start)?.alerts.some((x) => x.series === a.series && x.metric === a.metric && x.direction === a.direction)).length;
    console.log(`seed ${seed} ${mode.padEnd(10)} clean alerts ${clean} over ${cleanDays} series-days = ${(clean / cleanDays * 30).toFixed(2)} per series per 30 days; anomalies found ${found}/${anoms.length}`);
  }
}
