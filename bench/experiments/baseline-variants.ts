/**
 * Experiment (not product code): candidate per-day scoring variants vs the current
 * same-weekday detector, on NYC taxi and (unless --nyc-only) a generated warehouse with a
 * held-out seed. Run: npx tsx bench/experiments/baseline-variants.ts [--nyc-only]
 *
 * Every variant returns a raw z per scored day (no gates, no direction, no lifecycle);
 * severity = the default thresholds (strict >) 2 / 3 / 4.5.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backtestDomain } from '../../src/backtest/backtest-domain.js';
import { loadConfig } from '../../src/config/load.js';
import { addDays, dateRange, isoDate, isoWeekday, type IsoDate } from '../../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../../src/demo/generate.js';
import { DOMAINS, DOMAIN_NAMES } from '../../src/domains/registry.js';
import { demoLabels } from '../../src/labels/demo-labels.js';
import type { Flag, LabelEvent } from '../../src/labels/label-events.js';
import { readLabelsFile } from '../../src/labels/read-labels.js';
import { scoreFlags, type LabelScore } from '../../src/labels/score-labels.js';
import { DEFAULT_THRESHOLDS, severityOf } from '../../src/stats/severity.js';
import type { Severity } from '../../src/stats/types.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { loadNycTaxi } from '../nyc-taxi-benchmark.js';

type Values = ReadonlyMap<IsoDate, number>;
/** z per scored date; a variant sees the whole series but may only read dates < target. */
type Variant = (values: Values, targets: readonly IsoDate[]) => Map<IsoDate, number>;

const WEEKS = 10;
const MIN_POINTS = 4;
const MAD_K = 1.4826;

// ---------- small statistics ----------
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const sampleSd = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const madSd = (xs: readonly number[]): number => {
  const m = median(xs);
  return MAD_K * median(xs.map((x) => Math.abs(x - m)));
};
/** The current floor: max(σ, 2 % of |μ|, 1). */
const floored = (sd: number, mu: number): number => Math.max(sd, 0.02 * Math.abs(mu), 1);

/** Same-weekday dates target−7 … target−7·WEEKS with a value, oldest first. */
function sameWeekdays(values: Values, target: IsoDate, excluded?: ReadonlySet<IsoDate>): IsoDate[] {
  const out: IsoDate[] = [];
  for (let k = WEEKS; k >= 1; k--) {
    const d = addDays(target, -7 * k);
    if (values.has(d) && !excluded?.has(d)) out.push(d);
  }
  return out;
}

/** A variant that scores each day independently from a (location, scale) rule. */
const perDay =
  (rule: (values: Values, target: IsoDate) => { loc: number; scale: number } | null): Variant =>
  (values, targets) => {
    const out = new Map<IsoDate, number>();
    for (const t of targets) {
      const v = values.get(t);
      if (v === undefined) continue;
      const r = rule(values, t);
      const z = r === null ? NaN : (v - r.loc) / r.scale;
      if (Number.isFinite(z)) out.set(t, z);
    }
    return out;
  };

// A. current: mean + sample σ of the last 10 same weekdays, floored, ≥ 4 points.
const meanSdRule = (vals: readonly number[]): { loc: number; scale: number } => {
  const mu = mean(vals);
  return { loc: mu, scale: floored(sampleSd(vals), mu) };
};
// B. median + 1.4826·MAD of the same 10 weekdays, same floor.
const medianMadRule = (vals: readonly number[]): { loc: number; scale: number } => {
  const mu = median(vals);
  return { loc: mu, scale: floored(madSd(vals), mu) };
};
const sameWeekdayVariant = (rule: (vals: readonly number[]) => { loc: number; scale: number }): Variant =>
  perDay((values, t) => {
    const vals = sameWeekdays(values, t).map((d) => values.get(d)!);
    return vals.length < MIN_POINTS ? null : rule(vals);
  });

/**
 * C / F. Causal self-exclusion: walk the series in date order; a day the variant itself
 * scored |z| > 3 (≥WARNING) is left out of later baselines, at most `maxOut` per baseline
 * (the most extreme ones), so a level shift cannot empty the baseline.
 */
const selfExcluding =
  (rule: (vals: readonly number[]) => { loc: number; scale: number }, maxOut = 3): Variant =>
  (values, targets) => {
    const flaggedZ = new Map<IsoDate, number>();
    const all = [...values.keys()].sort();
    const last = targets.at(-1);
    const out = new Map<IsoDate, number>();
    const wanted = new Set(targets);
    for (const t of all) {
      if (last !== undefined && t > last) break;
      const window = sameWeekdays(values, t);
      const out3 = new Set(
        window
          .filter((d) => flaggedZ.has(d))
          .sort((a, b) => Math.abs(flaggedZ.get(b)!) - Math.abs(flaggedZ.get(a)!))
          .slice(0, maxOut),
      );
      const vals = window.filter((d) => !out3.has(d)).map((d) => values.get(d)!);
      if (vals.length < MIN_POINTS) continue;
      const { loc, scale } = rule(vals);
      const z = (values.get(t)! - loc) / scale;
      if (Math.abs(z) > DEFAULT_THRESHOLDS.warning) flaggedZ.set(t, z);
      if (wanted.has(t)) out.set(t, z);
    }
    return out;
  };

/**
 * D. Pooled scale: location = mean of the last 10 same weekdays; scale = 1.4826·MAD of the
 * residuals (value − that day's own same-weekday mean) over the 28 days before the target.
 */
const pooledScale: Variant = (values, targets) => {
  const baseMean = new Map<IsoDate, number | null>();
  const muOf = (d: IsoDate): number | null => {
    if (!baseMean.has(d)) {
      const vals = sameWeekdays(values, d).map((x) => values.get(x)!);
      baseMean.set(d, vals.length < MIN_POINTS ? null : mean(vals));
    }
    return baseMean.get(d)!;
  };
  return perDay((vals, t) => {
    const mu = muOf(t);
    if (mu === null) return null;
    const res: number[] = [];
    for (let k = 1; k <= 28; k++) {
      const d = addDays(t, -k);
      const v = vals.get(d);
      const m = v === undefined ? null : muOf(d);
      if (v !== undefined && m !== null) res.push(v - m);
    }
    if (res.length < 14) return null;
    return { loc: mu, scale: floored(madSd(res), mu) };
  })(values, targets);
};

/**
 * E. Level-adjusted: seasonal index per weekday = median over its last 10 occurrences of
 * value / centred 7-day mean (only windows that end before the target); level = median of
 * the last 7 days' deseasonalised values; expected = index × level; scale = 1.4826·MAD of
 * the deseasonalised residuals (each day vs the median of its own previous 7) over 28 days,
 * times the index, floored.
 */
const levelAdjusted: Variant = perDay((values, t) => {
  const index = new Map<number, number>();
  for (let w = 1; w <= 7; w++) {
    const ratios: number[] = [];
    // latest date of weekday w whose centred window (d−3 … d+3) ends before t
    let d = addDays(t, -4);
    while (isoWeekday(d) !== w) d = addDays(d, -1);
    for (let k = 0; k < WEEKS; k++, d = addDays(d, -7)) {
      const v = values.get(d);
      const win = dateRange(addDays(d, -3), addDays(d, 3)).flatMap((x) => (values.has(x) ? [values.get(x)!] : []));
      if (v !== undefined && win.length >= 5 && mean(win) > 0) ratios.push(v / mean(win));
    }
    // a weekday that is always 0 (idle weekends) cannot be deseasonalised: not scored
    if (ratios.length < MIN_POINTS || !(median(ratios) > 0)) return null;
    index.set(w, median(ratios));
  }
  const norm = mean([...index.values()]);
  const idx = (d: IsoDate): number => index.get(isoWeekday(d))! / norm;
  const deseason = (d: IsoDate): number | undefined => {
    const v = values.get(d);
    return v === undefined ? undefined : v / idx(d);
  };
  const levelBefore = (d: IsoDate): number | null => {
    const xs = dateRange(addDays(d, -7), addDays(d, -1)).flatMap((x) => {
      const y = deseason(x);
      return y === undefined ? [] : [y];
    });
    return xs.length < 4 ? null : median(xs);
  };
  const level = levelBefore(t);
  if (level === null) return null;
  const res: number[] = [];
  for (let k = 1; k <= 28; k++) {
    const d = addDays(t, -k);
    const y = deseason(d);
    const l = levelBefore(d);
    if (y !== undefined && l !== null) res.push(y - l);
  }
  if (res.length < 14) return null;
  const expected = idx(t) * level;
  return { loc: expected, scale: floored(madSd(res) * idx(t), expected) };
});

const VARIANTS: readonly { name: string; run: Variant }[] = [
  { name: 'A current (mean, sample σ)', run: sameWeekdayVariant(meanSdRule) },
  { name: 'B median + MAD', run: sameWeekdayVariant(medianMadRule) },
  { name: 'C A + self-exclusion', run: selfExcluding(meanSdRule) },
  { name: 'D pooled 28-d residual scale', run: pooledScale },
  { name: 'E level-adjusted (index × level)', run: levelAdjusted },
  { name: 'F B + self-exclusion', run: selfExcluding(medianMadRule) },
];

// ---------- scoring ----------
export interface SeriesInput {
  readonly domain: string;
  readonly series: string;
  readonly group: string | null;
  readonly metric: string;
  readonly values: Values;
}
interface Outcome {
  readonly notice: LabelScore;
  readonly warning: LabelScore;
  /** Runs of ≥ 5 consecutive same-weekday ≥NOTICE flags (runaway / level-shift symptom). */
  readonly longRuns: number;
  readonly maxRun: number;
  readonly z: Map<IsoDate, number>;
}

function sevAtLeast(z: number, min: Severity): boolean {
  const s = severityOf(Math.abs(z), DEFAULT_THRESHOLDS);
  return s !== null && (min === 'NOTICE' || s !== 'NOTICE');
}

function evaluate(run: Variant, inputs: readonly SeriesInput[], targets: readonly IsoDate[], events: readonly LabelEvent[]): Outcome {
  const flags: Flag[] = [];
  const scored = new Set<string>();
  let longRuns = 0;
  let maxRun = 0;
  let firstZ = new Map<IsoDate, number>();
  inputs.forEach((s, i) => {
    const zs = run(s.values, targets);
    if (i === 0) firstZ = zs;
    for (const [date, z] of zs) {
      scored.add(`${s.domain}|${s.series}|${date}`);
      const severity = severityOf(Math.abs(z), DEFAULT_THRESHOLDS);
      if (severity !== null) flags.push({ domain: s.domain, series: s.series, group: s.group, metric: s.metric, date, severity });
    }
    // consecutive same-weekday ≥NOTICE runs
    const flagged = new Set([...zs].filter(([, z]) => sevAtLeast(z, 'NOTICE')).map(([d]) => d));
    for (const d of flagged) {
      if (flagged.has(addDays(d, -7))) continue; // not a run start
      let len = 1;
      while (flagged.has(addDays(d, 7 * len))) len++;
      maxRun = Math.max(maxRun, len);
      if (len >= 5) longRuns++;
    }
  });
  const at = (min: Severity): Flag[] => flags.filter((f) => min === 'NOTICE' || f.severity !== 'NOTICE');
  return {
    notice: scoreFlags(at('NOTICE'), events, scored.size),
    warning: scoreFlags(at('WARNING'), events, scored.size),
    longRuns,
    maxRun,
    z: firstZ,
  };
}

// ---------- datasets ----------
function nycDataset(): { inputs: SeriesInput[]; targets: IsoDate[]; events: LabelEvent[] } {
  const bench = loadNycTaxi();
  const events = readLabelsFile(path.resolve('test/fixtures/benchmarks/nyc-taxi/labels.json'));
  return {
    inputs: [{ domain: 'scan', series: 'value', group: null, metric: 'value', values: bench.values }],
    targets: [...bench.dates],
    events,
  };
}

const SEED = 7;
const END = isoDate('2026-03-31');
const SCORED = 80;

async function warehouseDataset(): Promise<{ inputs: SeriesInput[]; targets: IsoDate[]; events: LabelEvent[] }> {
  return generatedDataset(SEED, 150, SCORED);
}

/** Every series × metric of a generated warehouse (seed, days to 2026-03-31), its last `scored` days as targets. Shared with level-variants.ts. */
export async function generatedDataset(seed: number, days: number, scored: number): Promise<{ inputs: SeriesInput[]; targets: IsoDate[]; events: LabelEvent[] }> {
  const SCORED = scored;
  const dir = mkdtempSync(path.join(tmpdir(), 'baseline-variants-'));
  try {
    const file = path.join(dir, 'demo.duckdb');
    const summary = await generateDemoWarehouse(file, { seed, days, end: END });
    const allEvents = demoLabels(summary.anomalies);
    const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });
    const warehouse = await openDuckDBWarehouse(file, config.tables);
    const from = addDays(END, -(SCORED - 1));
    const inputs: SeriesInput[] = [];
    try {
      for (const domain of DOMAINS) {
        const bt = await backtestDomain({ domain, config, warehouse, from, to: END, contributors: false, toolVersion: 'bench' });
        for (const [key, metrics] of bt.data.series) {
          for (const [metric, values] of metrics) {
            inputs.push({ domain: domain.name, series: key, group: bt.data.groups.get(key) ?? null, metric, values });
          }
        }
      }
    } finally {
      await warehouse.close();
    }
    const events = allEvents.filter((e) => e.windowDates.some((d) => d >= from && d <= END));
    return { inputs, targets: dateRange(from, END), events };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- output ----------
const r2 = (x: number | null): string => (x === null ? '–' : x.toFixed(2));
const zf = (z: number | undefined): string => (z === undefined ? 'n/a' : (z >= 0 ? '+' : '−') + Math.abs(z).toFixed(1));
const cells = (s: LabelScore): string =>
  `${s.eventsFound}/${s.events} | ${s.flags} | ${s.falseAlerts} | ${r2(s.falseAlertsPer100Days)} | ${r2(s.precision)} | ${r2(s.recall)} | ${r2(s.f1)}`;

async function main(): Promise<void> {
  const t0 = performance.now();
  const datasets: { name: string; data: { inputs: SeriesInput[]; targets: IsoDate[]; events: LabelEvent[] }; key: boolean }[] = [
    { name: 'NYC taxi', data: nycDataset(), key: true },
  ];
  if (!process.argv.includes('--nyc-only')) {
    const tg = performance.now();
    process.stderr.write(`generating warehouse seed ${SEED} …\n`);
    datasets.push({ name: `generated seed ${SEED} (last ${SCORED} d)`, data: await warehouseDataset(), key: false });
    process.stderr.write(`  generated + backtested in ${((performance.now() - tg) / 1000).toFixed(1)} s (${datasets[1]!.data.inputs.length} series × metric)\n`);
  }
  const lines = [
    '| dataset | variant | level | found | flags | false | false/100d | precision | recall | F1 | scored | runs ≥5 (max) | Thanksgiving | Christmas | blizzard |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const ds of datasets) {
    for (const v of VARIANTS) {
      const tv = performance.now();
      const o = evaluate(v.run, ds.data.inputs, ds.data.targets, ds.data.events);
      const ms = performance.now() - tv;
      const keys = ds.key ? [o.z.get(isoDate('2014-11-27')), o.z.get(isoDate('2014-12-25')), o.z.get(isoDate('2015-01-27'))].map(zf) : ['', '', ''];
      for (const [level, s] of [['≥NOTICE', o.notice], ['≥WARNING', o.warning]] as const) {
        lines.push(`| ${ds.name} | ${v.name} | ${level} | ${cells(s)} | ${s.scoredDays} | ${o.longRuns} (${o.maxRun}) | ${keys.join(' | ')} |`);
      }
      process.stderr.write(`  ${ds.name} · ${v.name}: ${ms.toFixed(0)} ms\n`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (process.argv.includes('--list')) {
    // NYC ≥WARNING flags per variant: date z (* = inside a labelled window)
    const nyc = datasets[0]!.data;
    for (const v of VARIANTS) {
      const zs = v.run(nyc.inputs[0]!.values, nyc.targets);
      const hits = [...zs].filter(([, z]) => Math.abs(z) > DEFAULT_THRESHOLDS.warning);
      const inWin = (d: IsoDate): boolean => nyc.events.some((e) => e.windowDates.includes(d));
      process.stdout.write(`\n${v.name}: ${hits.map(([d, z]) => `${d}${inWin(d) ? '*' : ''} ${zf(z)}`).join(', ')}\n`);
    }
  }
  process.stdout.write(`\nTotal runtime ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1]?.endsWith('baseline-variants.ts') === true) await main();
