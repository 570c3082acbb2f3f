/**
 * npm run bench:detect: the default detector against its peers, on two labelled datasets,
 * in one run and one table (docs/detection-method.md, "Against the peers").
 *
 *  - NYC taxi (NAB's five labelled events; benchmarksDir() honours MONITOR_BENCHMARKS_DIR);
 *  - the generator's ground truth: seed 42, 450 days to 2026-03-31, the last 365 days of
 *    every domain backtested and pooled into one figure per detector (per-domain table below).
 *
 * The default detector's rows come from the very code the CLI runs: scanCsv for NYC
 * (`monitor scan --csv … --labels …`, a test holds the figures equal), backtestDomain +
 * backtestResult for the generator (`monitor backtest`). The peers (bench/peers/) run on
 * the same series and dates and are scored by the same scoreFlags, with the same
 * denominator: series-days scored. Tables go to stdout, progress to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { backtestDomain } from '../src/backtest/backtest-domain.js';
import { backtestResult } from '../src/backtest/backtest-result.js';
import { backtestFlags } from '../src/backtest/summarize.js';
import { loadConfig } from '../src/config/load.js';
import { addDays, dateRange, isoDate, type IsoDate } from '../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../src/demo/generate.js';
import { DOMAINS, DOMAIN_NAMES } from '../src/domains/registry.js';
import { demoLabels } from '../src/labels/demo-labels.js';
import type { Flag, LabelEvent } from '../src/labels/label-events.js';
import { readLabelsFile } from '../src/labels/read-labels.js';
import { scoreFlags, scoreLevels, type LabelScore, type LabelScoreRow } from '../src/labels/score-labels.js';
import { scanCsv } from '../src/scan/scan-csv.js';
import { openDuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { benchmarksDir, loadNycTaxi } from './nyc-taxi-benchmark.js';
import { applyPeer, type PeerSeries } from './peers/apply-peer.js';
import { ELEMENTARY_PEER } from './peers/elementary.js';
import { FOURTEEN_DAY_PEER, SEED_TEAM_PEER } from './peers/same-weekday.js';
import type { Peer } from './peers/types.js';

const SEED = 42;
const END = isoDate('2026-03-31');
/** 365 scored days plus the 84 days a backtest's first date reads (70 baseline + 14 lifecycle). */
const GENERATED_DAYS = 450;
const SCORED_DAYS = 365;
const PEERS: readonly Peer[] = [SEED_TEAM_PEER, FOURTEEN_DAY_PEER, ELEMENTARY_PEER];
const LEVEL_NAMES = { sent: 'sent', NOTICE: '≥NOTICE', WARNING: '≥WARNING', CRITICAL: 'CRITICAL' } as const;

/** One table row: a detector at one level or threshold. */
export interface DetectorRow {
  readonly detector: string;
  readonly score: LabelScore;
}

export function nycTaxiFiles(dir: string = path.join(benchmarksDir(), 'nyc-taxi')): { readonly csv: string; readonly labels: string } {
  return { csv: path.join(dir, 'nyc_taxi_daily.csv'), labels: path.join(dir, 'labels.json') };
}

/** The default detector on NYC taxi, exactly as `monitor scan --csv … --labels …` scores it (shipped config). */
export async function nycTaxiDefaultRows(dir?: string): Promise<LabelScoreRow[]> {
  const files = nycTaxiFiles(dir);
  const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });
  const result = await scanCsv({
    path: files.csv,
    columns: { date: 'date', value: 'value', series: null },
    kind: 'count',
    direction: undefined,
    config,
    labels: { source: files.labels, events: readLabelsFile(files.labels) },
  });
  if (result.labels === null) throw new Error('scanCsv returned no label scores although labels were given');
  return [...result.labels.rows];
}

const defaultRows = (rows: readonly LabelScoreRow[]): DetectorRow[] => rows.map((r) => ({ detector: `default · ${LEVEL_NAMES[r.level]}`, score: r.score }));

function peerRows(series: readonly PeerSeries[], dates: readonly IsoDate[], events: readonly LabelEvent[]): DetectorRow[] {
  return PEERS.flatMap((peer) => {
    const run = applyPeer(peer, series, dates);
    return peer.thresholds.map((threshold, i) => ({
      detector: `${peer.name} · |z| > ${threshold}`,
      score: scoreFlags(run.flagsByThreshold[i] ?? [], events, run.scoredDays),
    }));
  });
}

async function nycTaxiRows(): Promise<DetectorRow[]> {
  const files = nycTaxiFiles();
  const bench = loadNycTaxi(path.dirname(files.csv));
  const first = bench.dates[0];
  const last = bench.dates[bench.dates.length - 1];
  if (first === undefined || last === undefined) throw new Error(`${files.csv}: no rows`);
  const series: PeerSeries[] = [{ domain: 'nyc-taxi', series: 'nyc_taxi', group: null, metric: 'value', values: bench.values }];
  return [...defaultRows(await nycTaxiDefaultRows()), ...peerRows(series, dateRange(first, last), readLabelsFile(files.labels))];
}

interface GeneratorRows {
  readonly pooled: readonly DetectorRow[];
  readonly perDomain: ReadonlyMap<string, readonly DetectorRow[]>;
}

async function generatorRows(log: (line: string) => void): Promise<GeneratorRows> {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitor-bench-detect-'));
  try {
    const file = path.join(dir, 'demo.duckdb');
    log(`generating ${GENERATED_DAYS} days to ${END} (seed ${SEED}) …`);
    const summary = await generateDemoWarehouse(file, { seed: SEED, days: GENERATED_DAYS, end: END });
    const labels = { source: `the demo generator's ground truth (seed ${SEED})`, events: demoLabels(summary.anomalies) };
    const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });
    const warehouse = await openDuckDBWarehouse(file, config.tables);
    const from = addDays(END, -(SCORED_DAYS - 1));
    const dates = dateRange(from, END);
    const pooled = { detected: [] as Flag[], sent: [] as Flag[], scoredDays: 0, events: [] as LabelEvent[], series: [] as PeerSeries[] };
    const perDomain = new Map<string, DetectorRow[]>();
    try {
      for (const domain of DOMAINS) {
        log(`backtesting ${domain.name} ${from} … ${END} …`);
        const backtest = await backtestDomain({ domain, config, warehouse, from, to: END, contributors: false, toolVersion: 'bench' });
        const result = backtestResult(backtest, labels);
        // The events backtestResult scores (its filter): this domain's, with a window day in range.
        const events = labels.events.filter((e) => (e.domain === null || e.domain === domain.name) && e.windowDates.some((d) => d >= from && d <= END));
        if (result.labels === null || result.labels.events !== events.length) throw new Error(`${domain.name}: event filter out of step with backtestResult`);
        const flags = backtestFlags(backtest);
        pooled.detected.push(...flags.detected);
        pooled.sent.push(...flags.sent);
        pooled.scoredDays += flags.scoredDays;
        pooled.events.push(...events);
        const series = [...backtest.data.series].flatMap(([key, metrics]) =>
          [...metrics].map(([metric, values]): PeerSeries => ({ domain: domain.name, series: key, group: backtest.data.groups.get(key) ?? null, metric, values })),
        );
        pooled.series.push(...series);
        perDomain.set(domain.name, [...defaultRows(result.labels.rows), ...peerRows(series, dates, events)]);
      }
    } finally {
      await warehouse.close();
    }
    log('scoring the peers on every series × metric …');
    const pooledRows = [...defaultRows(scoreLevels(pooled)), ...peerRows(pooled.series, dates, pooled.events)];
    return { pooled: pooledRows, perDomain };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ratio = (x: number | null, digits = 2): string => (x === null ? '–' : x.toFixed(digits));

function scoreCells(s: LabelScore): string[] {
  return [
    `${s.eventsFound}/${s.events}`,
    String(s.flags),
    String(s.falseAlerts),
    ratio(s.falseAlertsPer100Days),
    ratio(s.precision),
    ratio(s.recall),
    ratio(s.f1),
    ratio(s.meanDelayDays, 1),
    String(s.scoredDays),
  ];
}

const SCORE_HEADER = ['found', 'flags', 'false', 'false/100d', 'precision', 'recall', 'F1', 'delay d', 'scored days'];

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], labelColumns = 1): string {
  // A literal | would end the cell: the row labels say |z|.
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i < labelColumns ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** Rows = detectors × levels; for each dataset its score columns, side by side. */
export function renderMainTable(datasets: readonly { readonly name: string; readonly rows: readonly DetectorRow[] }[]): string {
  const detectors = datasets[0]?.rows.map((r) => r.detector) ?? [];
  const header = ['detector · level', ...datasets.flatMap((d) => SCORE_HEADER.map((h) => `${d.name} ${h}`))];
  const body = detectors.map((detector) => [
    detector,
    ...datasets.flatMap((d) => {
      const row = d.rows.find((r) => r.detector === detector);
      if (row === undefined) throw new Error(`${d.name}: no row for ${detector}`);
      return scoreCells(row.score);
    }),
  ]);
  return markdownTable(header, body);
}

export function renderPerDomainTable(perDomain: ReadonlyMap<string, readonly DetectorRow[]>): string {
  const body = [...perDomain].flatMap(([domain, rows]) => rows.map((r) => [domain, r.detector, ...scoreCells(r.score)]));
  return markdownTable(['domain', 'detector · level', ...SCORE_HEADER], body, 2);
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string): void => void process.stderr.write(`bench:detect ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s: ${line}\n`);
  log('NYC taxi …');
  const nyc = await nycTaxiRows();
  const generator = await generatorRows(log);
  process.stdout.write(
    `Labelled detection, default detector (shipped config) vs peers. NYC taxi: ${nycTaxiFiles().csv}, NAB's 5 events. ` +
      `Generator: seed ${SEED}, ${GENERATED_DAYS} days to ${END}, last ${SCORED_DAYS} days of ${DOMAINS.length} domains pooled, ` +
      `its injected anomalies as events. Scored days = series-days the detector scored (false-alert denominator).\n\n`,
  );
  process.stdout.write(`${renderMainTable([{ name: 'NYC', rows: nyc }, { name: 'gen.', rows: generator.pooled }])}\n\n`);
  process.stdout.write(`Generator, per domain:\n\n${renderPerDomainTable(generator.perDomain)}\n`);
  log('done');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
