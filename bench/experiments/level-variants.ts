/**
 * Experiment (not product code): robust same-weekday baseline + recent-level term, several
 * parameterisations, vs the current detector, on NYC taxi, held-out generator seeds and the
 * synthetic hard cases. Raw z, no gates; ≥WARNING and ≥NOTICE scored.
 * Run: npx tsx bench/experiments/level-variants.ts [--nyc-only] [--list NAME]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { mean, median, sampleStandardDeviation } from 'simple-statistics';
import { backtestDomain } from '../../src/backtest/backtest-domain.js';
import { loadConfig } from '../../src/config/load.js';
import { addDays, dateRange, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../../src/demo/generate.js';
import { DOMAINS, DOMAIN_NAMES } from '../../src/domains/registry.js';
import { demoLabels } from '../../src/labels/demo-labels.js';
import type { Flag, LabelEvent } from '../../src/labels/label-events.js';
import { readLabelsFile } from '../../src/labels/read-labels.js';
import { scoreFlags, type LabelScore } from '../../src/labels/score-labels.js';
import { DEFAULT_THRESHOLDS, severityOf } from '../../src/stats/severity.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { loadNycTaxi } from '../nyc-taxi-benchmark.js';
import { generatedDataset } from './baseline-variants.js';

type Values = ReadonlyMap<IsoDate, number>;
type Variant = (values: Values, targets: readonly IsoDate[]) => Map<IsoDate, number>;

const W = 10;
const MIN_POINTS = 4;
const sampleSd = (xs: readonly number[]): number => (xs.length < 2 ? 0 : sampleStandardDeviation([...xs]));
const floored = (sd: number, mu: number): number => Math.max(sd, 0.02 * Math.abs(mu), 1);

interface Params {
  /** Leave out baseline values further than trimK robust scales from the baseline median (null: none). */
  readonly trimK: number | null;
  /** Recent days whose relative deviations set the level term (0: none). */
  readonly levelDays: number;
  /** How the level-adjusted z and the plain z combine. */
  readonly combine: 'adj' | 'raw' | 'min';
  /** Scale: 'sample' σ of kept values; 'pooledMin' max(σ, pooled MAD of relative deviations × |c|). */
  readonly scale: 'sample' | 'pooledFloor' | 'pooled';
  /** Location of kept values. */
  readonly loc: 'mean' | 'median';
  readonly pooledDays?: number;
  /** Leave out of the pooled scale the days whose own raw |z| exceeded this. */
  readonly pooledExcl?: number;
}

interface Center {
  c: number;
  sd: number;
  n: number;
}

function makeVariant(p: Params): Variant {
  return (values, targets) => {
    const centers = new Map<IsoDate, Center | null>();
    const centerOf = (t: IsoDate): Center | null => {
      if (centers.has(t)) return centers.get(t)!;
      const vals: number[] = [];
      for (let k = W; k >= 1; k--) {
        const v = values.get(addDays(t, -7 * k));
        if (v !== undefined) vals.push(v);
      }
      let kept = vals;
      if (p.trimK !== null && vals.length >= MIN_POINTS) {
        const m = median(vals);
        const mad = 1.4826 * median(vals.map((x) => Math.abs(x - m)));
        const s = floored(mad, m);
        kept = vals.filter((x) => Math.abs(x - m) <= p.trimK! * s);
      }
      const r = kept.length < MIN_POINTS ? null : { c: p.loc === 'mean' ? mean(kept) : median(kept), sd: sampleSd(kept), n: kept.length };
      centers.set(t, r);
      return r;
    };
    const relDev = (d: IsoDate): number | null => {
      const v = values.get(d);
      const c = centerOf(d);
      if (v === undefined || c === null || c.c === 0) return null;
      return (v - c.c) / Math.abs(c.c);
    };
    const out = new Map<IsoDate, number>();
    for (const t of targets) {
      const v = values.get(t);
      const ct = centerOf(t);
      if (v === undefined || ct === null) continue;
      let level = 0;
      if (p.levelDays > 0) {
        const qs: number[] = [];
        for (let k = 1; k <= p.levelDays; k++) {
          const q = relDev(addDays(t, -k));
          if (q !== null) qs.push(q);
        }
        if (qs.length >= Math.ceil(p.levelDays / 2)) level = median(qs);
      }
      let sd = ct.sd;
      if (p.scale !== 'sample') {
        const qs: number[] = [];
        const days = p.pooledDays ?? 28;
        for (let k = 1; k <= days; k++) {
          const d = addDays(t, -k);
          const q = relDev(d);
          if (q === null) continue;
          if (p.pooledExcl !== undefined) {
            const cd = centerOf(d)!;
            if (Math.abs(values.get(d)! - cd.c) > p.pooledExcl * floored(cd.sd, cd.c)) continue;
          }
          qs.push(q);
        }
        if (qs.length >= days / 2) {
          const m = median(qs);
          const pooled = 1.4826 * median(qs.map((x) => Math.abs(x - m))) * Math.abs(ct.c);
          sd = p.scale === 'pooled' ? pooled : Math.max(sd, pooled);
        }
      }
      const s = floored(sd, ct.c);
      const zRaw = (v - ct.c) / s;
      const expected = ct.c + level * Math.abs(ct.c);
      const zAdj = (v - expected) / floored(sd, expected);
      let z: number;
      if (p.combine === 'raw') z = zRaw;
      else if (p.combine === 'adj') z = zAdj;
      else z = Math.sign(zRaw) === Math.sign(zAdj) ? Math.sign(zAdj) * Math.min(Math.abs(zRaw), Math.abs(zAdj)) : 0;
      out.set(t, z);
    }
    return out;
  };
}


interface XParams {
  readonly K: number;
  readonly levelDays: number;
  readonly pooledDays: number;
  readonly scale: 'max' | 'pooled' | 'blend' | 'sample' | 'dual';
  /** Days before the target the detector may read (null: all). */
  readonly horizon?: number;
  /** Pooled residuals against the level-adjusted expectation instead of the plain centre. */
  readonly adjResiduals?: boolean;
}
/** Outlier days (by a one-level-deep check on the untrimmed baseline + level) leave later baselines and the pooled scale. */
function makeX(p: XParams): Variant {
  return (all, targets) => {
    if (p.horizon !== undefined) {
      const out = new Map<IsoDate, number>();
      for (const t of targets) {
        const lo = addDays(t, -p.horizon);
        const cut = new Map([...all].filter(([d]) => d >= lo && d <= t));
        const z = makeX({ ...p, horizon: undefined })(cut, [t]).get(t);
        if (z !== undefined) out.set(t, z);
      }
      return out;
    }
    const values = all;
    const memo0 = new Map<IsoDate, Center | null>();
    const base = (t: IsoDate, skip: (d: IsoDate) => boolean): Center | null => {
      const vals: number[] = [];
      for (let k = W; k >= 1; k--) {
        const d = addDays(t, -7 * k);
        const v = values.get(d);
        if (v !== undefined && !skip(d)) vals.push(v);
      }
      return vals.length < MIN_POINTS ? null : { c: mean(vals), sd: sampleSd(vals), n: vals.length };
    };
    const c0 = (t: IsoDate): Center | null => {
      if (!memo0.has(t)) memo0.set(t, base(t, () => false));
      return memo0.get(t)!;
    };
    const levelOf = (t: IsoDate, centerFn: (d: IsoDate) => Center | null): number => {
      const qs: number[] = [];
      for (let k = 1; k <= p.levelDays; k++) {
        const d = addDays(t, -k);
        const v = values.get(d);
        const c = centerFn(d);
        if (v !== undefined && c !== null && c.c !== 0) qs.push((v - c.c) / Math.abs(c.c));
      }
      return qs.length >= Math.ceil(p.levelDays / 2) ? median(qs) : 0;
    };
    const minZ = (v: number, c: Center, level: number, s: number): number => {
      const zr = (v - c.c) / s;
      const za = (v - (c.c + level * Math.abs(c.c))) / s;
      return Math.sign(zr) === Math.sign(za) ? Math.sign(za) * Math.min(Math.abs(zr), Math.abs(za)) : 0;
    };
    const outMemo = new Map<IsoDate, boolean>();
    const isOutlier = (d: IsoDate): boolean => {
      if (outMemo.has(d)) return outMemo.get(d)!;
      const v = values.get(d);
      const c = c0(d);
      const r = v !== undefined && c !== null && Math.abs(minZ(v, c, levelOf(d, c0), floored(c.sd, c.c))) > p.K;
      outMemo.set(d, r);
      return r;
    };
    const memo1 = new Map<IsoDate, Center | null>();
    const c1 = (t: IsoDate): Center | null => {
      if (!memo1.has(t)) memo1.set(t, base(t, isOutlier));
      return memo1.get(t)!;
    };
    const out = new Map<IsoDate, number>();
    for (const t of targets) {
      const v = values.get(t);
      const ct = c1(t);
      if (v === undefined || ct === null) continue;
      const level = levelOf(t, c1);
      let sd = ct.sd;
      if (p.scale !== 'sample') {
        const qs: number[] = [];
        for (let k = 1; k <= p.pooledDays; k++) {
          const d = addDays(t, -k);
          const vd = values.get(d);
          const cd = c1(d);
          if (vd === undefined || cd === null || cd.c === 0 || isOutlier(d)) continue;
          const ld = p.adjResiduals === true ? levelOf(d, c1) : 0;
          qs.push((vd - cd.c * (1 + ld * Math.sign(cd.c))) / Math.abs(cd.c));
        }
        if (qs.length >= p.pooledDays / 2) {
          const m = median(qs);
          const pooled = 1.4826 * median(qs.map((x) => Math.abs(x - m))) * Math.abs(ct.c);
          if (p.scale === 'pooled') sd = pooled;
          else if (p.scale === 'max') sd = Math.max(sd, pooled);
          else sd = Math.sqrt(((ct.n - 1) * sd * sd + (qs.length - 1) * pooled * pooled) / (ct.n + qs.length - 2));
        }
      }
      if (p.scale === 'dual') {
        const raw: number[] = [];
        const adj: number[] = [];
        for (let k = 1; k <= p.pooledDays; k++) {
          const d = addDays(t, -k);
          const vd = values.get(d);
          const cd = c1(d);
          if (vd === undefined || cd === null || cd.c === 0 || isOutlier(d)) continue;
          raw.push((vd - cd.c) / Math.abs(cd.c));
          adj.push((vd - cd.c * (1 + levelOf(d, c1) * Math.sign(cd.c))) / Math.abs(cd.c));
        }
        const mad = (qs: number[]): number => { const m = median(qs); return 1.4826 * median(qs.map((x) => Math.abs(x - m))); };
        if (raw.length < p.pooledDays / 2) { out.set(t, minZ(v, ct, level, floored(sd, ct.c))); continue; }
        const sr = floored(mad(raw) * Math.abs(ct.c), ct.c);
        const e = ct.c + level * Math.abs(ct.c);
        const sa = floored(mad(adj) * Math.abs(ct.c), e);
        const zr = (v - ct.c) / sr;
        const za = (v - e) / sa;
        out.set(t, Math.sign(zr) === Math.sign(za) ? Math.sign(za) * Math.min(Math.abs(zr), Math.abs(za)) : 0);
        continue;
      }
      out.set(t, minZ(v, ct, level, floored(sd, ct.c)));
    }
    return out;
  };
}

const CURRENT: Params = { trimK: null, levelDays: 0, combine: 'raw', scale: 'sample', loc: 'mean' };
const M: Params = { trimK: 3, levelDays: 5, combine: 'min', scale: 'pooledFloor', loc: 'mean' };
const X: XParams = { K: 3, levelDays: 5, pooledDays: 28, scale: 'max' };
const VARIANTS: { name: string; p?: Params; x?: XParams }[] = [
  { name: 'X dual56 H126', x: { ...X, scale: 'dual', pooledDays: 56, horizon: 126 } },
  { name: 'X dual28 H98', x: { ...X, scale: 'dual', pooledDays: 28, horizon: 98 } },
  { name: 'X dual42 H112', x: { ...X, scale: 'dual', pooledDays: 42, horizon: 112 } },
  { name: 'X pooled56 H126 adjres', x: { ...X, scale: 'pooled', pooledDays: 56, horizon: 126, adjResiduals: true } },
  { name: 'X pooled28 H98 adjres', x: { ...X, scale: 'pooled', pooledDays: 28, horizon: 98, adjResiduals: true } },
  { name: 'X max56 H126 adjres', x: { ...X, scale: 'max', pooledDays: 56, horizon: 126, adjResiduals: true } },
  { name: 'X blend56 H126 adjres', x: { ...X, scale: 'blend', pooledDays: 56, horizon: 126, adjResiduals: true } },
  { name: 'X pooled28 H98', x: { ...X, scale: 'pooled', pooledDays: 28, horizon: 98 } },
  { name: 'X pooled56 H126', x: { ...X, scale: 'pooled', pooledDays: 56, horizon: 126 } },
  { name: 'X pooled42 H112', x: { ...X, scale: 'pooled', pooledDays: 42, horizon: 112 } },
  { name: 'X pooled28', x: { ...X, scale: 'pooled', pooledDays: 28 } },
  { name: 'X max28', x: X },
  { name: 'X max56', x: { ...X, pooledDays: 56 } },
  { name: 'X blend28', x: { ...X, scale: 'blend' } },
  { name: 'X blend56', x: { ...X, scale: 'blend', pooledDays: 56 } },
  { name: 'X pooled56', x: { ...X, scale: 'pooled', pooledDays: 56 } },
  { name: 'X sample', x: { ...X, scale: 'sample' } },
  { name: 'X max56 K4', x: { ...X, pooledDays: 56, K: 4 } },
  { name: 'current', p: CURRENT },
  { name: 'trim3 lvl5 min', p: { ...CURRENT, trimK: 3, levelDays: 5, combine: 'min' } },
  { name: 'M pooledFloor28', p: M },
  { name: 'M pF28 excl3', p: { ...M, pooledExcl: 3 } },
  { name: 'M pF56', p: { ...M, pooledDays: 56 } },
  { name: 'M pF56 excl3', p: { ...M, pooledDays: 56, pooledExcl: 3 } },
  { name: 'M pF70 excl3', p: { ...M, pooledDays: 70, pooledExcl: 3 } },
  { name: 'M pF28 excl3 lvl7', p: { ...M, pooledExcl: 3, levelDays: 7 } },
  { name: 'M pF28 excl3 trim4', p: { ...M, pooledExcl: 3, trimK: 4 } },
  { name: 'M pooled28 excl3', p: { ...M, pooledExcl: 3, scale: 'pooled' } },
];

interface SeriesInput {
  readonly domain: string;
  readonly series: string;
  readonly group: string | null;
  readonly metric: string;
  readonly values: Values;
}
interface Dataset {
  name: string;
  inputs: SeriesInput[];
  targets: IsoDate[];
  events: LabelEvent[];
}

function evaluate(run: Variant, ds: Dataset): { notice: LabelScore; warning: LabelScore; zs: Map<string, Map<IsoDate, number>> } {
  const flags: Flag[] = [];
  let scored = 0;
  const zs = new Map<string, Map<IsoDate, number>>();
  for (const s of ds.inputs) {
    const z = run(s.values, ds.targets);
    zs.set(`${s.series}|${s.metric}`, z);
    for (const [date, zz] of z) {
      scored++;
      const severity = severityOf(Math.abs(zz), DEFAULT_THRESHOLDS);
      if (severity !== null) flags.push({ domain: s.domain, series: s.series, group: s.group, metric: s.metric, date, severity });
    }
  }
  return {
    notice: scoreFlags(flags, ds.events, scored),
    warning: scoreFlags(flags.filter((f) => f.severity !== 'NOTICE'), ds.events, scored),
    zs,
  };
}

function nyc(): Dataset {
  const bench = loadNycTaxi();
  return {
    name: 'NYC',
    inputs: [{ domain: 'scan', series: 'value', group: null, metric: 'value', values: bench.values }],
    targets: [...bench.dates],
    events: readLabelsFile(path.resolve('test/fixtures/benchmarks/nyc-taxi/labels.json')),
  };
}

function hardCases(): Dataset | null {
  const dir = path.resolve('test/fixtures/benchmarks/hard-cases');
  const csv = path.join(dir, 'hard_cases_daily.csv');
  if (!existsSync(csv)) return null;
  const rows = parse(readFileSync(csv, 'utf8'), { columns: true }) as { date: string; series: string; value: string }[];
  const bySeries = new Map<string, Map<IsoDate, number>>();
  const all = new Set<IsoDate>();
  for (const r of rows) {
    const d = isoDate(r.date);
    all.add(d);
    if (!bySeries.has(r.series)) bySeries.set(r.series, new Map());
    bySeries.get(r.series)!.set(d, Number(r.value));
  }
  return {
    name: 'hard',
    inputs: [...bySeries].map(([series, values]) => ({ domain: 'scan', series, group: null, metric: 'value', values })),
    targets: [...all].sort(),
    events: readLabelsFile(path.join(dir, 'labels.json')).map((e) => ({ ...e, domain: null, metric: null })),
  };
}

async function generated(seed: number): Promise<Dataset> {
  return { name: `gen${seed}`, ...(await generatedDataset(seed, 180, 100)) };
}

const r2 = (x: number | null): string => (x === null ? '–' : x.toFixed(2));
const cell = (s: LabelScore): string => `${s.eventsFound}/${s.events} ${s.flags}f ${s.falseAlerts}x ${r2(s.falseAlertsPer100Days)} F1 ${r2(s.f1)}`;

async function main(): Promise<void> {
  const datasets: Dataset[] = [nyc()];
  const hard = hardCases();
  if (hard !== null) datasets.push(hard);
  if (!process.argv.includes('--nyc-only')) for (const seed of [7, 123]) datasets.push(await generated(seed));
  const list = process.argv.indexOf('--list');
  const listName = list >= 0 ? process.argv[list + 1] : undefined;
  const rows: string[] = [`| variant | ${datasets.map((d) => `${d.name} ≥WARN | ${d.name} ≥NOTICE`).join(' | ')} | NYC TG | XMAS | marathon |`];
  for (const v of VARIANTS) {
    const run = v.x !== undefined ? makeX(v.x) : makeVariant(v.p!);
    const cells: string[] = [];
    let keys = '';
    for (const ds of datasets) {
      const o = evaluate(run, ds);
      cells.push(cell(o.warning), cell(o.notice));
      if (ds.name === 'NYC') {
        const z = o.zs.get('value|value')!;
        keys = ['2014-11-27', '2014-12-25', '2014-11-01'].map((d) => (z.get(isoDate(d)) ?? NaN).toFixed(1)).join(' | ');
        if (v.name === listName) {
          const inWin = (d: IsoDate): boolean => ds.events.some((e) => e.windowDates.includes(d));
          process.stdout.write(`${[...z].filter(([, x]) => Math.abs(x) > 2).map(([d, x]) => `${d}${inWin(d) ? '*' : ''} ${x.toFixed(1)}`).join(', ')}\n`);
        }
      }
      if (ds.name === 'hard') {
        const ev = (series: string): LabelEvent[] => ds.events.filter((e) => e.series?.includes(series));
        const zAt = (series: string, d: IsoDate): number => o.zs.get(`${series}|value`)?.get(d) ?? NaN;
        const ratios = ['repeat_incident_4w', 'repeat_incident_7w'].map((sr) => {
          const [a, b] = ev(sr).map((e) => zAt(sr, e.pointDates[0]!));
          return (b! / a!).toFixed(2);
        });
        let worst = 0;
        let worstName = '';
        for (const [k, z] of o.zs) {
          const sr = k.split('|')[0]!;
          const inWin = (d: IsoDate): boolean => ev(sr).some((e) => e.windowDates.includes(d));
          const clean = [...z.keys()].filter((d) => !inWin(d)).length;
          const fa = [...z].filter(([d, x]) => Math.abs(x) > 3 && !inWin(d)).length;
          const rate = (fa / clean) * 30;
          if (rate > worst) { worst = rate; worstName = sr; }
        }
        const lsExtra = ['level_shift_down', 'level_shift_up'].map((sr) => {
          const e = ev(sr)[0]!;
          const last = e.windowDates.at(-1)!;
          return [...(o.zs.get(`${sr}|value`) ?? [])].filter(([d, x]) => d > last && Math.abs(x) > 3).length;
        });
        keys += ` | repeat ${ratios.join(',')} · worst false/30d ${worst.toFixed(2)} (${worstName}) · level-shift extra ${lsExtra.join(',')}`;
      }
      if (ds.name === 'hard' && v.name === listName) {
        for (const [k, z] of o.zs) {
          const fl = [...z].filter(([, x]) => Math.abs(x) > 3);
          const inWin = (d: IsoDate): boolean => ds.events.some((e) => e.series?.includes(k.split('|')[0]!) && e.windowDates.includes(d));
          process.stdout.write(`  ${k}: ${fl.map(([d, x]) => `${d}${inWin(d) ? '*' : ''} ${x.toFixed(1)}`).join(', ')}\n`);
        }
      }
    }
    rows.push(`| ${v.name} | ${cells.join(' | ')} | ${keys} |`);
  }
  process.stdout.write(rows.join('\n') + '\n');
}

await main();
