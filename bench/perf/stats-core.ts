/**
 * The stats-core measure's worker: every day of N synthetic series × D days through the
 * public evaluator (SeriesEvaluator), with the default detector settings at a 10-week and
 * a 52-week baseline, building each series' model included. Each day is scored as the
 * daily run and the backtest score it (src/run/detect-domain.ts scoreSeries): a verdict
 * (judge) for every day, and the whole evaluation, with the lists an alert shows, for
 * the alerting days. A third setting scores every day as a whole evaluation at 10 weeks,
 * what explain and the HTML report's chart ask of the days they show.
 *
 * It runs in plain node on the compiled dist/ (transpiled to .mjs by child-scripts.ts):
 * the shipped JavaScript, not src/ through tsx, whose transform (esbuild's keepNames
 * wrappers) costs the hot loops time the CLI never pays.
 *
 *   node stats-core.mjs <dist dir> <series> <evaluated days> <min seconds per repetition> <repetitions>
 *
 * Prints {"passes", "seconds": {"w10": […], "w52": […]}, "alerts": {…}}: a repetition is
 * `passes` passes over the whole set per setting (enough for the 10-week one to last the
 * minimum), the two settings alternating, after a JIT warm-up.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type IsoDate = string;
type Settings = { readonly weeks: number } & Record<string, unknown>;
interface Evaluator {
  judge(target: IsoDate): { kind: string; severity?: string | null };
  evaluate(target: IsoDate): { kind: string; severity?: string | null };
}
interface Dist {
  SeriesEvaluator: new (values: ReadonlyMap<IsoDate, number>, settings: Settings, first: IsoDate, last: IsoDate) => Evaluator;
  DEFAULT_DETECTOR: Settings;
  addDays(date: IsoDate, days: number): IsoDate;
  dateRange(start: IsoDate, end: IsoDate): IsoDate[];
}

const [distDir, seriesArg, daysArg, minSecondsArg, repsArg] = process.argv.slice(2);
if (distDir === undefined || seriesArg === undefined || daysArg === undefined || minSecondsArg === undefined || repsArg === undefined) {
  throw new Error('usage: stats-core.mjs <dist dir> <series> <evaluated days> <min seconds per repetition> <repetitions>');
}
const load = async (path: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(distDir, path)).href)) as Record<string, unknown>;
const dist = { ...(await load('stats/evaluate.js')), ...(await load('stats/detector-settings.js')), ...(await load('dates/iso-date.js')) } as unknown as Dist;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEKLY = [1, 1.06, 1.1, 1.08, 1.02, 0.72, 0.62];

/**
 * Deterministic daily series: a level per series, a weekly pattern, 5 % Gaussian noise, a
 * slow trend and a rare shock (×0.4 or ×1.8, 1 % of days) — enough for the detector to
 * take all its paths (outliers left out of baselines, level terms, alerts). History
 * covers the 52-week baseline plus the level and pooled-scale windows before it.
 */
function syntheticSeries(count: number, evaluatedDays: number, last: IsoDate): { series: Map<IsoDate, number>[]; targets: IsoDate[] } {
  const rng = mulberry32(13);
  const first = dist.addDays(last, -(evaluatedDays - 1));
  const dates = dist.dateRange(dist.addDays(first, -(52 * 7 + 84)), last);
  const series = Array.from({ length: count }, () => {
    const level = 50 + rng() * 5000;
    const trend = (rng() - 0.5) * 0.002;
    const values = new Map<IsoDate, number>();
    dates.forEach((date, i) => {
      const gaussian = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      const shock = rng() < 0.01 ? (rng() < 0.5 ? 0.4 : 1.8) : 1;
      values.set(date, Math.max(0, Math.round(level * (1 + trend * i) * (WEEKLY[i % 7] as number) * (1 + 0.05 * gaussian) * shock)));
    });
    return values;
  });
  return { series, targets: dist.dateRange(first, last) };
}

/**
 * One pass: every series through a fresh copy of its values (made outside the timed part),
 * so no cache keyed on a series can carry work from one pass to the next. Each copy is
 * made just before its series is scored, not the whole set before the pass: 200 fresh
 * maps of 800 days made at once were promoted by the garbage collector during the timed
 * part, a quarter of the measured time, which no run pays (its series are built once).
 * Returns the seconds and the alerting days (a checksum, so nothing is optimised away).
 */
function evaluatePass(series: readonly ReadonlyMap<IsoDate, number>[], targets: readonly IsoDate[], settings: Settings, whole: boolean): { seconds: number; alerts: number } {
  let alerts = 0;
  let seconds = 0;
  const first = targets[0] as IsoDate;
  const last = targets[targets.length - 1] as IsoDate;
  for (const original of series) {
    const values = new Map(original);
    const started = performance.now();
    const evaluator = new dist.SeriesEvaluator(values, settings, first, last);
    for (const date of targets) {
      if (whole) {
        const evaluation = evaluator.evaluate(date);
        if (evaluation.kind === 'scored' && evaluation.severity !== null) alerts += 1;
        continue;
      }
      const verdict = evaluator.judge(date);
      if (verdict.kind === 'scored' && verdict.severity !== null && evaluator.evaluate(date).kind === 'scored') alerts += 1;
    }
    seconds += (performance.now() - started) / 1000;
  }
  return { seconds, alerts };
}

function evaluateAll(set: { series: Map<IsoDate, number>[]; targets: IsoDate[] }, settings: Settings, passes: number, whole = false): { seconds: number; alerts: number } {
  let seconds = 0;
  let alerts = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    const result = evaluatePass(set.series, set.targets, settings, whole);
    seconds += result.seconds;
    alerts = result.alerts;
  }
  return { seconds, alerts };
}

const set = syntheticSeries(Number(seriesArg), Number(daysArg), '2026-03-31');
const settings = { w10: { ...dist.DEFAULT_DETECTOR, weeks: 10 }, w52: { ...dist.DEFAULT_DETECTOR, weeks: 52 } };
evaluateAll(set, settings.w52, 1);
const pilot = evaluateAll(set, settings.w10, 1).seconds;
const passes = Math.max(1, Math.ceil(Number(minSecondsArg) / Math.max(pilot, 1e-3)));
const seconds = { w10: [] as number[], w52: [] as number[], whole10: [] as number[] };
const alerts = { w10: 0, w52: 0, whole10: 0 };
evaluateAll(set, settings.w10, 1, true);
for (let rep = 0; rep < Number(repsArg); rep += 1) {
  for (const key of rep % 2 === 0 ? (['w10', 'w52', 'whole10'] as const) : (['whole10', 'w52', 'w10'] as const)) {
    const result = evaluateAll(set, key === 'whole10' ? settings.w10 : settings[key], passes, key === 'whole10');
    seconds[key].push(result.seconds);
    alerts[key] = result.alerts;
  }
}
process.stdout.write(JSON.stringify({ passes, seconds, alerts }) + '\n');
