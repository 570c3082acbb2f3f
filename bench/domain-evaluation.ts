/**
 * Shared by bench/gpu-cost-evaluation.ts and bench/api-runtime-evaluation.ts: judges a
 * domain's shipped config on generated warehouses (several seeds, 150 days ending
 * 2026-03-31, every day with a full 10-week baseline scored), as the integration tests do.
 *
 * Prints per seed
 *  - clean alerts per series per 30 clean days, with the shipped config and "untuned"
 *    (directions kept; no minChange gates; ratio σ floors at 1e-6, i.e. only the sample σ
 *    and the 2 % relative floor). A series-day is clean when no injected anomaly, nor its
 *    documented knock-on, touches that series that day;
 *  - every clean-day alert of the shipped config;
 *  - every injected anomaly of the domain: found or missed, with severity and z, and the
 *    other alerts of that day (knock-on effects);
 *  - a gate table: per series × metric, the clean days whose raw z passes the NOTICE
 *    threshold in the alerting direction before minChange, and the largest |change| among
 *    them. A minimum-change gate above that largest change silences the noise; the
 *    injected anomalies' changes show how much headroom is left. |value − μ| is given for
 *    metrics whose mean sits near 0 (a day-over-day change) or that are gated by an
 *    absolute σ floor (rates), where a relative gate is meaningless.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { resolveDetectorSettings } from '../src/config/resolve-detector.js';
import type { Config, DetectorOverrides } from '../src/config/schema.js';
import { addDays, dateRange, isoDate, type IsoDate } from '../src/dates/iso-date.js';
import { generateDemoWarehouse, type InjectedAnomaly } from '../src/demo/generate.js';
import type { DomainSeries } from '../src/domains/daily-series.js';
import type { DomainDefinition } from '../src/domains/types.js';
import { detectDomain } from '../src/run/detect-domain.js';
import { fetchDomainSeries } from '../src/run/run-domain.js';
import { evaluateDay } from '../src/stats/evaluate.js';
import { openDuckDBWarehouse } from '../src/warehouse/duckdb.js';

export const ALL_DOMAINS = ['usage', 'gpu-cost', 'api-runtime', 'revenue', 'enterprise'];
const END = isoDate('2026-03-31');

export interface EvaluationSetup {
  readonly domain: DomainDefinition;
  /** Series an anomaly moves on its days: its own, plus documented knock-on series. */
  readonly affectedSeries: (anomaly: InjectedAnomaly) => readonly string[];
  readonly seeds: readonly number[];
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(0)}%`);

/** The shipped config with the domain's gates and floors taken out; directions stay. */
function untuned(config: Config, domain: DomainDefinition): Config {
  const copy = structuredClone(config);
  const strip = (o: DetectorOverrides | undefined): void => {
    if (o === undefined) return;
    delete o.minChange;
    delete o.sigmaFloor;
  };
  const domainConfig = copy.domains[domain.name] ?? {};
  strip(domainConfig);
  for (const o of Object.values(domainConfig.metrics ?? {})) strip(o);
  for (const s of Object.values(domainConfig.series ?? {})) {
    strip(s);
    for (const o of Object.values(s.metrics ?? {})) strip(o);
  }
  // Without an own-scale floor a ratio could never alert (absolute 1 is for counts).
  for (const metric of domain.metrics) {
    if (metric.kind !== 'ratio') continue;
    const metrics = (domainConfig.metrics ??= {});
    metrics[metric.name] = { ...metrics[metric.name], sigmaFloor: { absolute: 1e-6 } };
  }
  copy.domains[domain.name] = domainConfig;
  return copy;
}

export async function evaluateDomain(setup: EvaluationSetup): Promise<void> {
  const { domain } = setup;
  const shipped = loadConfig({ knownDomains: ALL_DOMAINS }).config;
  const variants = { untuned: untuned(shipped, domain), shipped };
  for (const seed of setup.seeds) {
    const dir = mkdtempSync(join(tmpdir(), `monitor-${domain.name}-bench-`));
    try {
      const summary = await generateDemoWarehouse(join(dir, 'demo.duckdb'), { seed, days: 150, end: END });
      const warehouse = await openDuckDBWarehouse(join(dir, 'demo.duckdb'), shipped.tables);
      const from = addDays(summary.start, 70);
      const data = await fetchDomainSeries({ domain, config: shipped, warehouse, from, to: END, toolVersion: 'bench' }).finally(() => warehouse.close());
      const dates = dateRange(from, END);
      const anomalies = summary.anomalies.filter((a) => a.domain === domain.name);
      const explained = new Set(anomalies.flatMap((a) => dateRange(a.start, a.end).flatMap((d) => setup.affectedSeries(a).map((s) => `${s}@${d}`))));
      const isClean = (series: string, date: IsoDate): boolean => !explained.has(`${series}@${date}`);
      const seriesKeys = [...data.series.keys()].sort();

      console.log(`\n${domain.name} · seed ${seed} · ${dates.length} scored days ${from}..${END}`);
      console.log(`  clean alerts per series per 30 clean days (untuned → shipped):`);
      const reportsOf = (config: Config) => dates.map((date) => detectDomain(domain, config, data, date));
      const byVariant = { untuned: reportsOf(variants.untuned), shipped: reportsOf(variants.shipped) };
      for (const series of seriesKeys) {
        const cleanDays = dates.filter((d) => isClean(series, d)).length;
        const rate = (reports: typeof byVariant.shipped): string => {
          const n = reports.filter((r) => isClean(series, r.date)).flatMap((r) => r.alerts.filter((a) => a.series === series)).length;
          return `${String(n).padStart(3)} = ${((n / cleanDays) * 30).toFixed(2).padStart(5)}`;
        };
        console.log(`    ${series.padEnd(16)} ${rate(byVariant.untuned)}  →  ${rate(byVariant.shipped)}   (${cleanDays} clean days)`);
      }
      const reports = byVariant.shipped;
      for (const r of reports) {
        for (const a of r.alerts) if (isClean(a.series, r.date)) console.log(`    clean-day alert ${a.date} ${a.series} ${a.metric} ${a.severity} z=${a.z.toFixed(1)} ${pct(a.pctChange)}`);
      }
      for (const anomaly of anomalies) {
        const alert = reports.find((r) => r.date === anomaly.start)?.alerts.find((a) => a.series === anomaly.series && a.metric === anomaly.metric);
        const verdict = alert === undefined ? 'MISSED' : `${alert.direction === anomaly.direction ? 'found' : 'WRONG DIRECTION'} ${alert.severity} z=${alert.z.toFixed(1)} ${pct(alert.pctChange)}`;
        console.log(`  anomaly ${anomaly.id} (${anomaly.start}, expected ≥ ${anomaly.expectedSeverity}): ${verdict}`);
        const knockOn = reports.find((r) => r.date === anomaly.start)?.alerts.filter((a) => a !== alert) ?? [];
        for (const a of knockOn) console.log(`    same day: ${a.series} ${a.metric} ${a.severity} z=${a.z.toFixed(1)} ${pct(a.pctChange)}`);
      }
      printGateTable(domain, shipped, data, dates.filter((d) => seriesKeys.some((s) => isClean(s, d))), isClean);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function printGateTable(domain: DomainDefinition, config: Config, data: DomainSeries, dates: readonly IsoDate[], isClean: (s: string, d: IsoDate) => boolean): void {
  console.log('  gate table (clean days, raw z beyond NOTICE in the alerting direction, before minChange):');
  for (const [series, metrics] of [...data.series].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const metric of domain.metrics) {
      const values = metrics.get(metric.name);
      if (values === undefined) continue;
      const settings = resolveDetectorSettings(config, domain.name, series, metric.name);
      let raw = 0;
      let largest = 0;
      let largestAbsolute = 0;
      for (const date of dates) {
        if (!isClean(series, date)) continue;
        const e = evaluateDay(values, date, { ...settings, minChange: {} });
        if (e.kind !== 'scored' || e.severity === null) continue;
        raw += 1;
        largest = Math.max(largest, Math.abs(e.pctChange ?? Infinity));
        largestAbsolute = Math.max(largestAbsolute, Math.abs(e.value - e.baseline.mean));
      }
      const gate = settings.direction === 'down' ? settings.minChange.down : (settings.minChange.up ?? settings.minChange.down);
      if (raw > 0) {
        console.log(`    ${series.padEnd(16)} ${metric.name.padEnd(24)} raw ${String(raw).padStart(2)}  largest ${pct(largest).padStart(5)} (|value − μ| ${largestAbsolute.toPrecision(2)})  gate ${gate === undefined ? '-' : pct(gate)}`);
      }
    }
  }
}

export function seedsFromArgv(): number[] {
  const seeds = process.argv.slice(2).map(Number).filter(Number.isInteger);
  return seeds.length > 0 ? seeds : [42, 7, 123];
}
