/**
 * Shared by bench/gpu-cost-evaluation.ts and bench/api-runtime-evaluation.ts: judges a
 * domain's shipped config on generated warehouses (several seeds, 150 days ending
 * 2026-03-31, every day with a full 10-week baseline scored), as the integration tests do.
 *
 * Prints per seed
 *  - clean alerts per series per 30 clean days (a series-day is clean when no injected
 *    anomaly, nor its documented knock-on, touches that series that day);
 *  - every injected anomaly of the domain: found or missed, with severity and z;
 *  - a gate table: per series × metric, the clean days whose raw z passes the NOTICE
 *    threshold in the alerting direction, and the largest |change| among them. A
 *    minimum-change gate above that largest change silences the noise; the injected
 *    anomalies' changes show how much headroom is left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { resolveDetectorSettings } from '../src/config/resolve-detector.js';
import { addDays, dateRange, isoDate, type IsoDate } from '../src/dates/iso-date.js';
import { generateDemoWarehouse, type InjectedAnomaly } from '../src/demo/generate.js';
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

export async function evaluateDomain(setup: EvaluationSetup): Promise<void> {
  const { domain } = setup;
  const { config } = loadConfig({ knownDomains: ALL_DOMAINS });
  for (const seed of setup.seeds) {
    const dir = mkdtempSync(join(tmpdir(), `monitor-${domain.name}-bench-`));
    try {
      const summary = await generateDemoWarehouse(join(dir, 'demo.duckdb'), { seed, days: 150, end: END });
      const warehouse = await openDuckDBWarehouse(join(dir, 'demo.duckdb'), config.tables);
      const from = addDays(summary.start, 70);
      const data = await fetchDomainSeries({ domain, config, warehouse, from, to: END, toolVersion: 'bench' }).finally(() => warehouse.close());
      const dates = dateRange(from, END);
      const reports = dates.map((date) => detectDomain(domain, config, data, date));
      const anomalies = summary.anomalies.filter((a) => a.domain === domain.name);
      const explained = new Set(anomalies.flatMap((a) => dateRange(a.start, a.end).flatMap((d) => setup.affectedSeries(a).map((s) => `${s}@${d}`))));
      const isClean = (series: string, date: IsoDate): boolean => !explained.has(`${series}@${date}`);

      console.log(`\n${domain.name} · seed ${seed} · ${dates.length} scored days ${from}..${END}`);
      const falseAlerts: string[] = [];
      for (const series of [...data.series.keys()].sort()) {
        const cleanDates = dates.filter((d) => isClean(series, d));
        const alerts = reports.filter((r) => isClean(series, r.date)).flatMap((r) => r.alerts.filter((a) => a.series === series));
        for (const a of alerts) falseAlerts.push(`    ${a.date} ${series} ${a.metric} ${a.severity} z=${a.z.toFixed(1)} ${pct(a.pctChange)}`);
        console.log(`  ${series.padEnd(16)} clean alerts ${String(alerts.length).padStart(2)} / ${cleanDates.length} days = ${((alerts.length / cleanDates.length) * 30).toFixed(2)} per 30 days`);
      }
      if (falseAlerts.length > 0) console.log(`  clean-day alerts:\n${falseAlerts.join('\n')}`);
      for (const anomaly of anomalies) {
        const alert = reports.find((r) => r.date === anomaly.start)?.alerts.find((a) => a.series === anomaly.series && a.metric === anomaly.metric);
        const verdict = alert === undefined ? 'MISSED' : `${alert.direction === anomaly.direction ? 'found' : 'WRONG DIRECTION'} ${alert.severity} z=${alert.z.toFixed(1)} ${pct(alert.pctChange)}`;
        console.log(`  anomaly ${anomaly.id} (${anomaly.start}, expected ≥ ${anomaly.expectedSeverity}): ${verdict}`);
        const knockOn = reports.find((r) => r.date === anomaly.start)?.alerts.filter((a) => a !== alert) ?? [];
        for (const a of knockOn) console.log(`    same day: ${a.series} ${a.metric} ${a.severity} z=${a.z.toFixed(1)} ${pct(a.pctChange)}`);
      }

      console.log('  gate table (clean days, raw z beyond NOTICE in the alerting direction, before minChange):');
      for (const [series, metrics] of [...data.series].sort(([a], [b]) => (a < b ? -1 : 1))) {
        for (const metric of domain.metrics) {
          const values = metrics.get(metric.name);
          if (values === undefined) continue;
          const settings = resolveDetectorSettings(config, domain.name, series, metric.name);
          const ungated = { ...settings, minChange: {} };
          let raw = 0;
          let largest = 0;
          for (const date of dates) {
            if (!isClean(series, date)) continue;
            const e = evaluateDay(values, date, ungated);
            if (e.kind !== 'scored' || e.severity === null) continue;
            raw += 1;
            largest = Math.max(largest, Math.abs(e.pctChange ?? Infinity));
          }
          const gate = settings.direction === 'down' ? settings.minChange.down : settings.minChange.up ?? settings.minChange.down;
          if (raw > 0) console.log(`    ${series.padEnd(16)} ${metric.name.padEnd(24)} raw ${String(raw).padStart(2)}  largest ${pct(largest).padStart(5)}  gate ${gate === undefined ? '-' : pct(gate)}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

export function seedsFromArgv(): number[] {
  const seeds = process.argv.slice(2).map(Number).filter(Number.isInteger);
  return seeds.length > 0 ? seeds : [42, 7, 123];
}
