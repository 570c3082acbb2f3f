/**
 * Does the drill-down name the cause? On generated warehouses (several seeds, 150 days to
 * 2026-03-31), for every injected anomaly whose cause the generator records (a tier, an
 * org, an endpoint, a process), every alert of its domain and metric on its first day
 * whose series breaks down by the cause's dimension (the anomaly's own series, or the
 * total above it: the API's p95 for one endpoint's regression) is checked: at which rank
 * does the cause appear among its contributors?
 * Run: npx tsx bench/root-cause-evaluation.ts [seed …]   (default seeds 42 7 123)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { isoDate } from '../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../src/demo/generate.js';
import { DOMAINS, findDomain } from '../src/domains/registry.js';
import { attachContributors } from '../src/rootcause/attach-contributors.js';
import { runDomain } from '../src/run/run-domain.js';
import { openDuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { seedsFromArgv } from './domain-evaluation.js';

const END = isoDate('2026-03-31');
const config = loadConfig({ knownDomains: DOMAINS.map((d) => d.name) }).config;
const ranks: number[] = [];
let withoutAlert = 0;

for (const seed of seedsFromArgv()) {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-rootcause-bench-'));
  try {
    const summary = await generateDemoWarehouse(join(dir, 'demo.duckdb'), { seed, days: 150, end: END });
    const warehouse = await openDuckDBWarehouse(join(dir, 'demo.duckdb'), config.tables);
    for (const anomaly of summary.anomalies) {
      const cause = anomaly.rootCause;
      const domain = findDomain(anomaly.domain);
      if (cause === null || domain === undefined) continue;
      const reports = await runDomain({ domain, config, warehouse, from: anomaly.start, to: anomaly.start, toolVersion: 'bench' });
      const [report] = await attachContributors(reports, { domain, config, warehouse, toolVersion: 'bench' });
      const checked = (report?.alerts ?? []).filter(
        (a) => a.metric === anomaly.metric && a.series !== cause.member && domain.drillDown.dimensions(a.series).includes(cause.dimension),
      );
      if (checked.length === 0) {
        // The anomaly's own series is the cause (a tier series, an org): nothing finer to name.
        if (anomaly.series !== cause.member) withoutAlert += 1;
        continue;
      }
      for (const alert of checked) {
        const rank = alert.contributors.findIndex((c) => c.dimension === cause.dimension && c.member === cause.member) + 1;
        ranks.push(rank);
        const first = alert.contributors[0];
        process.stdout.write(
          `seed ${seed}  ${anomaly.id.padEnd(38)} ${`${alert.series} / ${alert.metric}`.padEnd(36)} cause ${cause.dimension} ${cause.member}: ` +
            `${rank === 0 ? 'NOT LISTED' : `rank ${rank}`} (share ${first?.share === null || first === undefined ? 'n/a' : `${Math.round(first.share * 100)}%`} for #1 ${first?.member ?? '-'})\n`,
        );
      }
    }
    await warehouse.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const first = ranks.filter((r) => r === 1).length;
process.stdout.write(`\n${ranks.length} alerts checked: cause ranked first in ${first}, lower in ${ranks.filter((r) => r > 1).length}, not listed in ${ranks.filter((r) => r === 0).length}; anomalies with no alert to check: ${withoutAlert}\n`);
