/**
 * npm run bench:detect: the default detector against its peers, on three labelled datasets,
 * in one run and one table (docs/detection-method.md, "Against the peers").
 *
 *  - NYC taxi (NAB's five labelled events; benchmarksDir() honours MONITOR_BENCHMARKS_DIR);
 *  - the synthetic hard cases (test/fixtures/benchmarks/hard-cases: 12 series, 18 events;
 *    holidays, level shifts, repeats, a launch, trends, clean series that must stay quiet);
 *  - the generator's ground truth: seed 42, 450 days to 2026-03-31, the last 365 days of
 *    every domain backtested and pooled into one figure per detector (per-domain table below).
 *
 * The default detector's rows come from the very code the CLI runs: scanCsv for NYC and
 * the hard cases (`monitor scan --csv … [--series-col series] --labels …`, a test holds the
 * figures equal), backtestDomain + backtestResult for the generator (`monitor backtest`).
 * The peers (bench/peers/) run on the same series and dates and are scored by the same
 * scoreFlags, with the same denominator: series-days scored. A second table holds the hard
 * cases against their acceptance targets. Tables go to stdout, progress to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { backtestDomain } from '../src/backtest/backtest-domain.js';
import { backtestResult } from '../src/backtest/backtest-result.js';
import { backtestFlags } from '../src/backtest/summarize.js';
import { loadConfig } from '../src/config/load.js';
import { addDays, dateRange, isoDate, type IsoDate } from '../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../src/demo/generate.js';
import { HARD_CASES_CSV, HARD_CASES_DIR, HARD_CASES_LABELS } from '../src/demo/hard-cases.js';
import { DOMAINS, DOMAIN_NAMES } from '../src/domains/registry.js';
import { demoLabels } from '../src/labels/demo-labels.js';
import { eventCovers, isLabelled, type Flag, type LabelEvent } from '../src/labels/label-events.js';
import { readLabelsFile } from '../src/labels/read-labels.js';
import { scoreFlags, scoreLevels, type LabelScore, type LabelScoreRow } from '../src/labels/score-labels.js';
import type { BacktestResult } from '../src/backtest/render-backtest.js';
import { scanCsv } from '../src/scan/scan-csv.js';
import { SCAN_DOMAIN, SCAN_METRIC } from '../src/scan/scan-domain.js';
import { openDuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { benchmarksDir, loadNycTaxi } from './nyc-taxi-benchmark.js';
import { applyPeer, seriesKey, type PeerRun, type PeerSeries } from './peers/apply-peer.js';
import { ELEMENTARY_PEER } from './peers/elementary.js';
import { ROBUST_HOLT_WINTERS_PEER } from './peers/robust-holt-winters.js';
import { FOURTEEN_DAY_PEER, SEED_TEAM_PEER } from './peers/same-weekday.js';
import type { Peer } from './peers/types.js';

const SEED = 42;
const END = isoDate('2026-03-31');
/** 365 scored days plus the 84 days a backtest's first date reads (70 baseline + 14 lifecycle). */
const GENERATED_DAYS = 450;
const SCORED_DAYS = 365;
const PEERS: readonly Peer[] = [SEED_TEAM_PEER, FOURTEEN_DAY_PEER, ELEMENTARY_PEER, ROBUST_HOLT_WINTERS_PEER];
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

const peerLabel = (peer: Peer, threshold: number): string => `${peer.name} · |z| > ${threshold}`;

function peerRuns(series: readonly PeerSeries[], dates: readonly IsoDate[]): { readonly peer: Peer; readonly run: PeerRun }[] {
  return PEERS.map((peer) => ({ peer, run: applyPeer(peer, series, dates) }));
}

function peerRows(series: readonly PeerSeries[], dates: readonly IsoDate[], events: readonly LabelEvent[], runs = peerRuns(series, dates)): DetectorRow[] {
  return runs.flatMap(({ peer, run }) =>
    peer.thresholds.map((threshold, i) => ({
      detector: peerLabel(peer, threshold),
      score: scoreFlags(run.flagsByThreshold[i] ?? [], events, run.scoredDays),
    })),
  );
}

/** A backtest's series × metrics as the peers read them: the very values the default scored. */
function backtestSeries(backtest: BacktestResult['backtest']): PeerSeries[] {
  return [...backtest.data.series].flatMap(([key, metrics]) =>
    [...metrics].map(([metric, values]): PeerSeries => ({ domain: backtest.domain.name, series: key, group: backtest.data.groups.get(key) ?? null, metric, values })),
  );
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

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The committed hard cases (made in this repository, so not under MONITOR_BENCHMARKS_DIR). */
export function hardCasesFiles(dir: string = path.join(REPO_ROOT, HARD_CASES_DIR)): { readonly csv: string; readonly labels: string } {
  return { csv: path.join(dir, HARD_CASES_CSV), labels: path.join(dir, HARD_CASES_LABELS) };
}

/**
 * The default detector on the hard cases, exactly as
 * `monitor scan --csv hard_cases_daily.csv --series-col series --labels labels.json` scores them (shipped config).
 */
export async function hardCasesScan(dir?: string): Promise<BacktestResult> {
  const files = hardCasesFiles(dir);
  const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });
  return scanCsv({
    path: files.csv,
    columns: { date: 'date', value: 'value', series: 'series' },
    kind: 'count',
    direction: undefined,
    config,
    labels: { source: files.labels, events: readLabelsFile(files.labels) },
  });
}

/** The acceptance targets of the hard cases (their README's "a good detector", as numbers). */
export const ACCEPTANCE = {
  recall: 0.95,
  falseAlertsPer30CleanDays: 1,
  flagsAfterLevelShiftWindow: 0,
  repeatRatio: [0.75, 1.25],
} as const;

const LEVEL_SHIFT_SERIES = ['level_shift_down', 'level_shift_up'] as const;
const REPEAT_SERIES = ['repeat_incident_4w', 'repeat_incident_7w'] as const;

/** What one detector (at one level) sent or flagged on the hard cases, and how to read its z. */
export interface AcceptanceInput {
  readonly detector: string;
  readonly flags: readonly Flag[];
  /** Every series of the file, with the dates the detector scored on it. */
  readonly scoredDates: ReadonlyMap<string, ReadonlySet<IsoDate>>;
  readonly events: readonly LabelEvent[];
  /** The detector's z for a series on a date; null when it exposes none. */
  readonly z: (series: string, date: IsoDate) => number | null;
}

export interface AcceptanceRow {
  readonly detector: string;
  readonly eventsFound: number;
  readonly events: number;
  readonly recall: number | null;
  /** The highest per-series rate of false alerts per 30 clean scored days, and its series (null: no false alert anywhere). */
  readonly worstFalsePer30: number;
  readonly worstSeries: string | null;
  /** Flags on the series after the last day of its level shift's labelled window. */
  readonly flagsAfterShift: Readonly<Record<(typeof LEVEL_SHIFT_SERIES)[number], number>>;
  /** z(repeat) / z(first incident) at the events' point dates, with both z; ratio null when a z is unknown. */
  readonly repeat: Readonly<Record<(typeof REPEAT_SERIES)[number], { readonly first: number | null; readonly repeat: number | null; readonly ratio: number | null }>>;
}

const onSeries = (event: LabelEvent, series: string): boolean => event.series?.includes(series) ?? false;

export function acceptanceRow(input: AcceptanceInput): AcceptanceRow {
  const score = scoreFlags(input.flags, input.events, [...input.scoredDates.values()].reduce((n, d) => n + d.size, 0));
  let worstFalsePer30 = 0;
  let worstSeries: string | null = null;
  for (const [series, dates] of [...input.scoredDates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ref = (date: IsoDate): Flag => ({ domain: SCAN_DOMAIN, series, group: null, metric: SCAN_METRIC, date, severity: 'NOTICE' });
    const clean = [...dates].filter((date) => !isLabelled(input.events, ref(date))).length;
    const falseAlerts = input.flags.filter((f) => f.series === series && !input.events.some((e) => eventCovers(e, f))).length;
    if (clean === 0 || falseAlerts === 0) continue;
    const rate = (falseAlerts / clean) * 30;
    if (rate > worstFalsePer30) {
      worstFalsePer30 = rate;
      worstSeries = series;
    }
  }
  const eventsOf = (series: string): LabelEvent[] =>
    input.events.filter((e) => onSeries(e, series)).sort((a, b) => ((a.pointDates[0] ?? '') < (b.pointDates[0] ?? '') ? -1 : 1));
  const flagsAfterShift = Object.fromEntries(
    LEVEL_SHIFT_SERIES.map((series) => {
      const [shift, ...more] = eventsOf(series);
      const end = shift?.windowDates[shift.windowDates.length - 1];
      if (shift === undefined || end === undefined || more.length > 0) throw new Error(`hard cases: expected one level-shift event on ${series}`);
      return [series, input.flags.filter((f) => f.series === series && f.date > end).length];
    }),
  ) as AcceptanceRow['flagsAfterShift'];
  const repeat = Object.fromEntries(
    REPEAT_SERIES.map((series) => {
      const events = eventsOf(series);
      const [firstDate, repeatDate] = events.map((e) => e.pointDates[0]);
      if (events.length !== 2 || firstDate === undefined || repeatDate === undefined) throw new Error(`hard cases: expected two point-dated events on ${series}`);
      const first = input.z(series, firstDate);
      const again = input.z(series, repeatDate);
      return [series, { first, repeat: again, ratio: first === null || again === null || first === 0 ? null : again / first }];
    }),
  ) as AcceptanceRow['repeat'];
  return { detector: input.detector, eventsFound: score.eventsFound, events: score.events, recall: score.recall, worstFalsePer30, worstSeries, flagsAfterShift, repeat };
}

/**
 * The default detector's z on a day of a scan: the day's alert, else its held-back finding
 * (min-change, direction, weekend or known-event: still a z the detector computed). A day
 * scored below the alert threshold exposes no z in a scan result (its report keeps only
 * alerts and held-back findings), so it reads null ("–").
 */
export function scanZ(result: BacktestResult): (series: string, date: IsoDate) => number | null {
  const reports = new Map(result.backtest.days.map((d) => [d.report.date, d.report]));
  return (series, date) => {
    const report = reports.get(date);
    if (report === undefined) return null;
    const alert = report.alerts.find((a) => a.series === series && a.metric === SCAN_METRIC);
    if (alert !== undefined) return alert.z;
    return report.suppressed.find((f) => f.series === series && f.metric === SCAN_METRIC)?.z ?? null;
  };
}

/** The default detector's sent set on a scan, against the acceptance targets (bench table and test/scan/hard-cases.test.ts). */
export function defaultAcceptance(result: BacktestResult, events: readonly LabelEvent[]): AcceptanceRow {
  const scoredDates = new Map<string, Set<IsoDate>>([...result.backtest.data.series.keys()].map((series) => [series, new Set<IsoDate>()]));
  for (const day of result.backtest.days) for (const s of day.scored) scoredDates.get(s.series)?.add(day.report.date);
  return acceptanceRow({ detector: `default · ${LEVEL_NAMES.sent}`, flags: backtestFlags(result.backtest).sent, scoredDates, events, z: scanZ(result) });
}

export interface HardCasesRows {
  /** The default detector's label scores as scanCsv returns them (what `monitor scan --labels` prints). */
  readonly defaultLabels: readonly LabelScoreRow[];
  readonly rows: readonly DetectorRow[];
  readonly acceptance: readonly AcceptanceRow[];
}

export async function hardCasesRows(): Promise<HardCasesRows> {
  const files = hardCasesFiles();
  const events = readLabelsFile(files.labels);
  const result = await hardCasesScan();
  if (result.labels === null || result.labels.events !== events.length) throw new Error('hard cases: scanCsv scored other events than the labels file holds');
  const series = backtestSeries(result.backtest);
  const dates = dateRange(result.backtest.from, result.backtest.to);
  const runs = peerRuns(series, dates);
  const byName = new Map(series.map((s) => [s.series, s]));
  const acceptance = [
    defaultAcceptance(result, events),
    ...runs.flatMap(({ peer, run }) => {
      const scoredDates = new Map(series.map((s) => [s.series, run.scoredDates.get(seriesKey(s.domain, s.series)) ?? new Set<IsoDate>()]));
      const z = (name: string, date: IsoDate): number | null => {
        const values = byName.get(name)?.values;
        return values === undefined ? null : (peer.score(values, date)?.z ?? null);
      };
      return peer.thresholds.map((threshold, i) => acceptanceRow({ detector: peerLabel(peer, threshold), flags: run.flagsByThreshold[i] ?? [], scoredDates, events, z }));
    }),
  ];
  return { defaultLabels: result.labels.rows, rows: [...defaultRows(result.labels.rows), ...peerRows(series, dates, events, runs)], acceptance };
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
        const series = backtestSeries(backtest);
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

const mark = (pass: boolean): string => (pass ? '✓' : '✗');
const signed = (z: number | null): string => (z === null ? '–' : z.toFixed(1).replace('-', '−'));

/** The hard cases against their acceptance targets, one row per detector · level. */
export function renderAcceptanceTable(rows: readonly AcceptanceRow[]): string {
  const [low, high] = ACCEPTANCE.repeatRatio;
  const header = [
    'detector · level',
    `recall (≥ ${ACCEPTANCE.recall})`,
    `worst false/30 clean d (≤ ${ACCEPTANCE.falseAlertsPer30CleanDays}), series`,
    ...LEVEL_SHIFT_SERIES.map((s) => `${s}: flags after its 3 d (≤ ${ACCEPTANCE.flagsAfterLevelShiftWindow})`),
    ...REPEAT_SERIES.map((s) => `${s}: z repeat/first (${low}–${high})`),
  ];
  const body = rows.map((r) => [
    r.detector,
    `${ratio(r.recall)} (${r.eventsFound}/${r.events}) ${mark(r.recall !== null && r.recall >= ACCEPTANCE.recall)}`,
    `${r.worstFalsePer30.toFixed(2)} ${mark(r.worstFalsePer30 <= ACCEPTANCE.falseAlertsPer30CleanDays)} ${r.worstSeries ?? '(none)'}`,
    ...LEVEL_SHIFT_SERIES.map((s) => `${r.flagsAfterShift[s]} ${mark(r.flagsAfterShift[s] <= ACCEPTANCE.flagsAfterLevelShiftWindow)}`),
    ...REPEAT_SERIES.map((s) => {
      const { first, repeat, ratio: value } = r.repeat[s];
      const zs = `(${signed(repeat)}/${signed(first)})`;
      return value === null ? `– ${zs}` : `${value.toFixed(2)} ${zs} ${mark(value >= low && value <= high)}`;
    }),
  ]);
  return markdownTable(header, body);
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string): void => void process.stderr.write(`bench:detect ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s: ${line}\n`);
  log('NYC taxi …');
  const nyc = await nycTaxiRows();
  log('hard cases …');
  const hard = await hardCasesRows();
  const generator = await generatorRows(log);
  process.stdout.write(
    `Labelled detection, default detector (shipped config) vs peers. NYC taxi: ${nycTaxiFiles().csv}, NAB's 5 events. ` +
      `Hard cases: ${hardCasesFiles().csv}, 12 series, ${hard.rows[0]?.score.events ?? 0} events. ` +
      `Generator: seed ${SEED}, ${GENERATED_DAYS} days to ${END}, last ${SCORED_DAYS} days of ${DOMAINS.length} domains pooled, ` +
      `its injected anomalies as events. Scored days = series-days the detector scored (false-alert denominator).\n\n`,
  );
  process.stdout.write(`${renderMainTable([{ name: 'NYC', rows: nyc }, { name: 'hard', rows: hard.rows }, { name: 'gen.', rows: generator.pooled }])}\n\n`);
  process.stdout.write(
    `Hard cases, acceptance: the default detector's sent alerts and each peer at its threshold. Recall = events found / events; ` +
      `false alerts per 30 clean days = flags outside every window / scored days in no window × 30, on the worst series; ` +
      `level shifts: flags on the series after the last day of its labelled 3-day window; repeats: z on the repeat's day / z on the first ` +
      `incident's day, shown as (z repeat/z first); – = no z: for the default a day scored below the alert threshold ` +
      `(a scan exposes the z of alerts and held-back findings only), for a peer a day it does not score (e.g. σ = 0).\n\n${renderAcceptanceTable(hard.acceptance)}\n\n`,
  );
  process.stdout.write(`Generator, per domain:\n\n${renderPerDomainTable(generator.perDomain)}\n`);
  log('done');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
