import { mean as sampleMean, median, sampleStandardDeviation } from 'simple-statistics';
import { addDays, daysBetween, type IsoDate } from '../dates/iso-date.js';
import { LEVEL_DAYS, MAD_TO_SIGMA, MAX_RELATIVE_CV, MIN_LEVEL_DAYS, OUTLIER_Z, lookbackDays, minPooledDays, pooledDays } from './detector-method.js';
import { assertUsableValue } from './metric-value.js';
import { flooredSigma } from './sigma-floor.js';
import type { Baseline, DailyValues, DetectorSettings, ExcludedDay, KnownEvent, LevelTerm, Mode } from './types.js';

/**
 * A series as the model reads it: a dense array of days (NaN = no data) from `start`, with
 * the known event of each day. Every quantity of a day reads at most lookbackDays before
 * it, so a window of that many days before the first target gives exactly the results a
 * longer history would: a daily run and a year-long backtest agree.
 */
export interface SeriesWindow {
  readonly start: IsoDate;
  readonly values: Float64Array;
  /** The known event on each index, or null when the settings have no calendar. */
  readonly events: readonly (KnownEvent | undefined)[] | null;
}

/** The days from lookbackDays before `first` to `last`, read once from the map and the calendar. */
export function seriesWindow(values: DailyValues, first: IsoDate, last: IsoDate, settings: DetectorSettings): SeriesWindow {
  const start = addDays(first, -lookbackDays(settings.weeks));
  const size = daysBetween(start, last) + 1;
  const dense = new Float64Array(size);
  const events: (KnownEvent | undefined)[] | null = settings.knownEvents === undefined ? null : [];
  for (let i = 0, date = start; i < size; i++, date = addDays(date, 1)) {
    const value = values.get(date);
    if (value !== undefined) assertUsableValue(value, date);
    dense[i] = value ?? Number.NaN;
    events?.push(settings.knownEvents?.(date));
  }
  return { start, values: dense, events };
}

/** A same-weekday baseline as the target's report shows it, before the scale is chosen. */
export type KeptBaseline = Omit<Baseline, 'sdUsed' | 'sdFloored'>;

/**
 * Everything the detector derives from a series window. Each quantity of each day is
 * computed once and memoised in typed arrays, so scoring a range costs O(weeks) per day.
 * What a day reads (lookbackDays adds it up):
 * - its plain baseline: 7·weeks days; its plain level: 5 more; its own z: both;
 * - its kept baseline: the own z of each same-weekday value, 7·weeks + (7·weeks + 5);
 * - the target's pooled scale: pooledDays days of kept baselines and levels before it.
 *
 * Two baselines per day:
 * - plain: the same weekdays with data, minus known events. Only used to decide which days
 *   were outliers, one level deep (never from the final baselines, so exclusion cannot feed
 *   on itself and keep an old level forever: after a level shift the new days stop being
 *   outliers within LEVEL_DAYS, because the plain check includes the recent level).
 * - kept: the plain one minus outlier days, never below minPoints values.
 */
export class DayModel {
  private readonly weeks: number;
  private readonly minPoints: number;
  // Memo: NaN = not computed yet. Means/σ of both baselines; counts as numbers.
  private readonly plainMean: Float64Array;
  private readonly plainSd: Float64Array;
  private readonly plainN: Float64Array;
  private readonly keptMean: Float64Array;
  private readonly keptSd: Float64Array;
  private readonly keptN: Float64Array;
  private readonly ownZs: Float64Array;
  private readonly ownZDone: Uint8Array;
  /** Level memos by [plain, kept] × [relative, additive]. */
  private readonly levelMemo: readonly Float64Array[];

  constructor(
    private readonly window: SeriesWindow,
    private readonly settings: DetectorSettings,
  ) {
    const n = window.values.length;
    this.weeks = settings.weeks;
    this.minPoints = settings.minPoints;
    const nan = (): Float64Array => new Float64Array(n).fill(Number.NaN);
    this.plainMean = nan();
    this.plainSd = nan();
    this.plainN = nan();
    this.keptMean = nan();
    this.keptSd = nan();
    this.keptN = nan();
    this.ownZs = nan();
    this.ownZDone = new Uint8Array(n);
    this.levelMemo = [nan(), nan(), nan(), nan()];
  }

  /**
   * How a day's deviations are measured. relative: (value − μ) / |μ|, for a positive
   * metric whose spread grows with its level (counts, amounts, rates): a weekend at 18 % of
   * a weekday then has comparable errors. additive: value − μ, for a metric near 0, of
   * either sign, or as wide as its own mean (a day-over-day change of 10 % ± 5 %, an org
   * of three users), where dividing by μ would make every error enormous. Decided from
   * the day's plain baseline: relative when μ > 0 and σ ≤ MAX_RELATIVE_CV · μ.
   */
  modeOf(index: number): Mode {
    const mean = this.baselineMean(index, true);
    return mean > 0 && this.baselineSd(index, true) <= MAX_RELATIVE_CV * mean ? 'relative' : 'additive';
  }

  /** Dates are built only for what a report shows, once per index (addDays allocates a string). */
  private readonly dates: (IsoDate | undefined)[] = [];

  dateOf(index: number): IsoDate {
    let date = this.dates[index];
    if (date === undefined) {
      date = addDays(this.window.start, index);
      this.dates[index] = date;
    }
    return date;
  }

  indexOf(date: IsoDate): number {
    return daysBetween(this.window.start, date);
  }

  value(index: number): number {
    return index < 0 ? Number.NaN : (this.window.values[index] ?? Number.NaN);
  }

  private isEvent(index: number): boolean {
    return this.window.events?.[index] !== undefined;
  }

  eventOn(index: number): KnownEvent | undefined {
    return this.window.events?.[index];
  }

  /** μ of a day's baseline with at least minPoints values (kept, or plain), else NaN. */
  baselineMean(index: number, plain: boolean): number {
    this.ensureBaseline(index, plain);
    const n = (plain ? this.plainN : this.keptN)[index]!;
    return n >= this.minPoints ? (plain ? this.plainMean : this.keptMean)[index]! : Number.NaN;
  }

  private baselineSd(index: number, plain: boolean): number {
    this.ensureBaseline(index, plain);
    return (plain ? this.plainSd : this.keptSd)[index]!;
  }

  private ensureBaseline(index: number, plain: boolean): void {
    const means = plain ? this.plainMean : this.keptMean;
    if (!Number.isNaN(means[index]!)) return;
    const kept = this.keptIndices(index, plain);
    const stats = meanAndSd(kept.map((i) => this.value(i)));
    means[index] = stats.mean;
    (plain ? this.plainSd : this.keptSd)[index] = stats.sd;
    (plain ? this.plainN : this.keptN)[index] = kept.length;
  }

  /** The same-weekday indices a day's baseline keeps, oldest first. */
  private keptIndices(index: number, plain: boolean): number[] {
    const candidates: number[] = [];
    for (let weeksBack = this.weeks; weeksBack >= 1; weeksBack--) {
      const day = index - 7 * weeksBack;
      if (day >= 0 && !Number.isNaN(this.value(day)) && !this.isEvent(day)) candidates.push(day);
    }
    if (plain) return candidates;
    const dropped = this.droppedOutliers(candidates);
    return dropped.size === 0 ? candidates : candidates.filter((d) => !dropped.has(d));
  }

  /**
   * The outliers to leave out: the most extreme first, and never so many that fewer than
   * minPoints remain (a baseline that is mostly "outliers" is a new normal, not noise).
   */
  private droppedOutliers(candidates: readonly number[]): Set<number> {
    const outliers = candidates.filter((d) => Math.abs(this.ownZ(d)) > OUTLIER_Z);
    const room = Math.max(0, candidates.length - this.minPoints);
    if (outliers.length === 0 || room === 0) return new Set();
    return new Set(outliers.sort((a, b) => Math.abs(this.ownZ(b)) - Math.abs(this.ownZ(a)) || a - b).slice(0, room));
  }

  // Per-target results, memoised: calibration replays the same days under many thresholds.
  private readonly keptBaselines = new Map<number, KeptBaseline>();
  private readonly levelTerms = new Map<number, LevelTerm | null>();
  private readonly pooledScales = new Map<number, { spread: number; days: number } | null>();

  /** A day's kept baseline in full, for the report and explain. */
  keptBaseline(index: number): KeptBaseline {
    let baseline = this.keptBaselines.get(index);
    if (baseline === undefined) this.keptBaselines.set(index, (baseline = this.buildKeptBaseline(index)));
    return baseline;
  }

  private buildKeptBaseline(index: number): KeptBaseline {
    const kept = this.keptIndices(index, false);
    const keptSet = new Set(kept);
    const missingDates: IsoDate[] = [];
    const excluded: ExcludedDay[] = [];
    for (let weeksBack = this.weeks; weeksBack >= 1; weeksBack--) {
      const day = index - 7 * weeksBack;
      const date = this.dateOf(day);
      const value = this.value(day);
      if (Number.isNaN(value)) missingDates.push(date);
      else if (this.isEvent(day)) excluded.push({ date, value, reason: 'known_event', event: this.eventOn(day)?.name ?? '' });
      else if (!keptSet.has(day)) excluded.push({ date, value, reason: 'outlier', z: this.ownZ(day) });
    }
    const values = kept.map((i) => this.value(i));
    return { dates: kept.map((i) => this.dateOf(i)), values, missingDates, excluded, ...meanAndSd(values) };
  }

  /**
   * The recent level before a day: the median relative deviation of the previous
   * LEVEL_DAYS days from their own baselines (known-event days left out). NaN when fewer
   * than MIN_LEVEL_DAYS of them can be compared.
   */
  levelChange(index: number, plain: boolean, mode: Mode): number {
    const memo = this.levelMemo[(plain ? 0 : 2) + (mode === 'relative' ? 0 : 1)]!;
    if (!Number.isNaN(memo[index]!)) return memo[index]!;
    const deviations: number[] = [];
    for (let back = 1; back <= LEVEL_DAYS; back++) {
      const deviation = this.deviation(index - back, plain, mode);
      if (!Number.isNaN(deviation)) deviations.push(deviation);
    }
    // Infinity marks "computed, no level" so the NaN memo sentinel stays free.
    const result = deviations.length < MIN_LEVEL_DAYS ? Number.POSITIVE_INFINITY : median(deviations);
    memo[index] = result;
    return result;
  }

  /** A day's level term, or null. */
  level(index: number, mode: Mode): LevelTerm | null {
    const key = mode === 'relative' ? index : -1 - index;
    if (this.levelTerms.has(key)) return this.levelTerms.get(key) ?? null;
    const term = this.buildLevel(index, mode);
    this.levelTerms.set(key, term);
    return term;
  }

  private buildLevel(index: number, mode: Mode): LevelTerm | null {
    const change = this.levelChange(index, false, mode);
    if (!Number.isFinite(change)) return null;
    const dates: IsoDate[] = [];
    const deviations: number[] = [];
    for (let back = LEVEL_DAYS; back >= 1; back--) {
      const deviation = this.deviation(index - back, false, mode);
      if (!Number.isNaN(deviation)) {
        dates.push(this.dateOf(index - back));
        deviations.push(deviation);
      }
    }
    const spread = MAD_TO_SIGMA * median(deviations.map((d) => Math.abs(d - change)));
    return { change, dates, spread, mode };
  }

  /** A day's deviation from its own baseline, in `mode`; NaN when it has none, or is a known event. */
  private deviation(index: number, plain: boolean, mode: Mode): number {
    const value = this.value(index);
    if (Number.isNaN(value) || this.isEvent(index)) return Number.NaN;
    const mean = this.baselineMean(index, plain);
    if (Number.isNaN(mean)) return Number.NaN;
    if (mode === 'additive') return value - mean;
    return mean === 0 ? Number.NaN : (value - mean) / Math.abs(mean);
  }

  /**
   * A day's own z against its plain baseline and recent level (σ: its baseline's sample σ,
   * floored), as the detector would have scored it; NaN when it could not be scored.
   */
  ownZ(index: number): number {
    if (this.ownZDone[index] === 1) return this.ownZs[index]!;
    const value = this.value(index);
    const mean = this.baselineMean(index, true);
    let z = Number.NaN;
    if (!Number.isNaN(value) && !Number.isNaN(mean)) {
      const sd = flooredSigma(this.baselineSd(index, true), mean, this.settings.sigmaFloor);
      const mode = this.modeOf(index);
      z = weakerZ(value, mean, expectedValue(mean, this.levelChange(index, true, mode), mode), sd).z;
    }
    this.ownZs[index] = z;
    this.ownZDone[index] = 1;
    return z;
  }

  /**
   * The first day of the run of days, ending the day before `index`, that sat on the
   * `direction` side of their baselines by at least `minDeviation` (relative): where a
   * level shift began. Null when the day before did not. The walk stops after
   * pooledDays (so the read stays within lookbackDays): "since" is then the oldest day
   * it reached.
   */
  shiftStart(index: number, direction: 1 | -1, minDeviation: number, mode: Mode): IsoDate | null {
    let start = -1;
    for (let day = index - 1; day >= Math.max(0, index - pooledDays(this.weeks)); day--) {
      const deviation = this.deviation(day, false, mode);
      if (Number.isNaN(deviation) || deviation * direction < minDeviation) break;
      start = day;
    }
    return start < 0 ? null : this.dateOf(start);
  }

  /**
   * The pooled scale: 1.4826·MAD of the last pooledDays days' prediction errors
   * (value − expected, divided by |μ| in relative mode), outliers and known events left
   * out. Null with fewer than minPooledDays usable days.
   */
  pooledScale(index: number, mode: Mode): { spread: number; days: number } | null {
    const key = mode === 'relative' ? index : -1 - index;
    if (this.pooledScales.has(key)) return this.pooledScales.get(key) ?? null;
    const scale = this.buildPooledScale(index, mode);
    this.pooledScales.set(key, scale);
    return scale;
  }

  private buildPooledScale(index: number, mode: Mode): { spread: number; days: number } | null {
    const errors: number[] = [];
    for (let back = 1; back <= pooledDays(this.weeks); back++) {
      const day = index - back;
      const value = this.value(day);
      if (Number.isNaN(value) || this.isEvent(day)) continue;
      const mean = this.baselineMean(day, false);
      if (Number.isNaN(mean) || (mode === 'relative' && mean === 0) || Math.abs(this.ownZ(day)) > OUTLIER_Z) continue;
      const error = value - expectedValue(mean, this.levelChange(day, false, mode), mode);
      errors.push(mode === 'relative' ? error / Math.abs(mean) : error);
    }
    if (errors.length < minPooledDays(this.weeks)) return null;
    const centre = median(errors);
    return { spread: MAD_TO_SIGMA * median(errors.map((e) => Math.abs(e - centre))), days: errors.length };
  }
}

/** μ moved by the recent level (relative: sign-safe for a negative μ); a non-finite change means no level term. */
export function expectedValue(mean: number, levelChange: number, mode: Mode): number {
  if (!Number.isFinite(levelChange)) return mean;
  return mode === 'relative' ? mean + levelChange * Math.abs(mean) : mean + levelChange;
}

/**
 * The day is unusual only if it is unusual both against μ (scale `sd`) and against the
 * expected value (scale `sdLevel`):
 * z is the one of the two nearer 0, and 0 when they disagree in sign. WHY: against μ alone
 * a level shift alerts for `weeks` weeks; against the recent level alone the return to
 * normal after a multi-day surge looks like a drop. Requiring both keeps a lasting change
 * to its first days and a surge's end quiet, and a one-day incident scores the same either way.
 */
export function weakerZ(value: number, mean: number, expected: number, sd: number, sdLevel = sd): { z: number; zBaseline: number; zLevel: number } {
  const clamp = (z: number): number => Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, z));
  const zBaseline = clamp((value - mean) / sd);
  const zLevel = clamp((value - expected) / sdLevel);
  const z = Math.sign(zBaseline) !== Math.sign(zLevel) ? 0 : Math.abs(zBaseline) <= Math.abs(zLevel) ? zBaseline : zLevel;
  return { z, zBaseline, zLevel };
}

/**
 * μ and sample σ. A constant set gets μ = its value and σ = 0 exactly: a summed mean can be
 * an ulp off, and a flat series repeating its value must score z = 0, not a rounding
 * residue. Sample σ (n − 1): with 4–10 points the population formula would understate σ
 * by 5–13 % and over-alert.
 */
function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const first = values[0];
  if (first === undefined) return { mean: 0, sd: 0 };
  if (values.every((v) => v === first)) return { mean: first, sd: 0 };
  return { mean: sampleMean(values), sd: values.length < 2 ? 0 : sampleStandardDeviation(values) };
}
