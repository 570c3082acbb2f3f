import { epochDay, fromEpochDay, type IsoDate } from '../dates/iso-date.js';
import { LEVEL_DAYS, MAD_TO_SIGMA, MAX_RELATIVE_CV, MIN_LEVEL_DAYS, OUTLIER_Z, minPooledDays, pooledDays } from './detector-method.js';
import { medianInPlace, momentsInto, SortedWindow } from './order-statistics.js';
import { SameWeekdayLists } from './same-weekday-lists.js';
import type { SeriesWindow } from './series-window.js';
import type { Baseline, DetectorSettings, ExcludedDay, KnownEvent, LevelTerm, Mode } from './types.js';
import { clampZ, expectedValue, weakerZ } from './z-score.js';

/** A day whose baseline had no outlier to leave out: one shared empty list, not one per day. */
const NONE_DROPPED: readonly number[] = [];

/** The days a target's kept baseline is made of, as its report shows them. */
export type KeptReport = Pick<Baseline, 'dates' | 'values' | 'missingDates' | 'excluded'>;

/** Index of a mode in the per-mode arrays. */
const RELATIVE = 0;
const ADDITIVE = 1;
type ModeIndex = typeof RELATIVE | typeof ADDITIVE;
const modeIndex = (mode: Mode): ModeIndex => (mode === 'relative' ? RELATIVE : ADDITIVE);

/**
 * Everything the detector derives from a series window, computed for every day of it in
 * one forward pass into typed arrays (and one more pass per deviation mode a target
 * uses), so scoring a range costs O(weeks) per day and no bookkeeping per lookup. What a
 * day reads (lookbackDays adds it up):
 * - its plain baseline: 7·weeks days; its plain level: 5 more; its own z: both;
 * - its kept baseline: the own z of each same-weekday value, 7·weeks + (7·weeks + 5);
 * - the target's pooled scale: pooledDays days of kept baselines and levels before it.
 * Each quantity depends only on the days before it, so a forward pass computes each once.
 * WHY eager: every target of a run or backtest reads nearly the whole window anyway (the
 * pooled scale alone reads 70 days of kept baselines), and the lazy version's memo checks
 * and calls were most of the stats core's time (BENCHMARKS.md, "Stats core").
 *
 * Two baselines per day:
 * - plain: the same weekdays with data, minus known events. Only used to decide which days
 *   were outliers, one level deep (never from the final baselines, so exclusion cannot feed
 *   on itself and keep an old level forever: after a level shift the new days stop being
 *   outliers within LEVEL_DAYS, because the plain check includes the recent level).
 * - kept: the plain one minus outlier days, never below minPoints values.
 */
export class DayModel {
  private readonly size: number;
  private readonly weeks: number;
  private readonly minPoints: number;
  private readonly values: Float64Array;
  /** 1 for a day with data and no known event: a day baselines, levels and scales may use. */
  private readonly usable: Uint8Array;
  // μ, σ and size of each day's kept baseline (μ and σ as computed, whatever the size).
  private readonly keptMeans: Float64Array;
  private readonly keptSds: Float64Array;
  private readonly keptN: Float64Array;
  /** 1 where the day's deviations are additive (modeOf). */
  private readonly additive: Uint8Array;
  private readonly ownZs: Float64Array;
  /** Each day's deviation from its plain baseline, by mode [relative, additive] (see deviation). */
  private readonly plainDeviations: readonly Float64Array[];
  /**
   * By mode [relative, additive], filled on first use: each day's deviation from its kept
   * baseline, kept level (+∞ = none) and prediction error (NaN = left out).
   */
  private readonly keptByMode: (KeptArrays | undefined)[] = [undefined, undefined];
  private readonly origin: number;

  /**
   * NEEDED: the first index whose plain baseline and own z, and whose kept baseline, level
   * and prediction error, any target can read. The window starts lookbackDays
   * (14·weeks + P + 2·L, P = pooledDays, L = LEVEL_DAYS) before the first target t0; the
   * target's pooled scale reads the errors of [t0 − P, t0), each of which reads its kept
   * baseline and the kept deviations of the L days before it: kept figures from
   * t0 − P − L = 14·weeks + L. A kept baseline reads the own z of the 7·weeks days before
   * it, and an own z the plain deviations of the L days before it: plain figures from
   * 7·weeks. WHY: at 52 weeks the first 7·weeks days are a third of a year-long window,
   * and computing every figure of every day made a day at 52 weeks cost 2.4× one at 10.
   */
  private readonly plainFrom: number;
  private readonly keptFrom: number;

  /**
   * Scratch buffers for the inner loops (one model is used by one caller at a time): the
   * values of a kept baseline being computed, oldest first, and the outliers' days and
   * positions among its candidate values.
   */
  private readonly valueScratch: Float64Array;
  private readonly outlierDays: Int32Array;
  private readonly outlierSlots: Int32Array;
  private readonly levelScratch: Float64Array;

  constructor(
    private readonly window: SeriesWindow,
    private readonly settings: DetectorSettings,
  ) {
    const n = window.values.length;
    this.size = n;
    this.weeks = settings.weeks;
    this.minPoints = settings.minPoints;
    this.values = window.values;
    // Views onto one buffer per element type rather than an array each: each ArrayBuffer
    // is a separate allocation the garbage collector tracks, and a backtest builds a model
    // per series × metric (measured: 21 % of the stats core's time was GC).
    const bytes = new Uint8Array(2 * n);
    this.usable = bytes.subarray(0, n);
    this.additive = bytes.subarray(n, 2 * n);
    const numbers = new Float64Array(6 * n + this.weeks + LEVEL_DAYS);
    const slot = (k: number): Float64Array => numbers.subarray(k * n, (k + 1) * n);
    this.keptMeans = slot(0);
    this.keptSds = slot(1);
    this.keptN = slot(2);
    this.ownZs = slot(3);
    this.plainDeviations = [slot(4), slot(5)];
    this.valueScratch = numbers.subarray(6 * n, 6 * n + this.weeks);
    this.levelScratch = numbers.subarray(6 * n + this.weeks);
    for (let i = 0; i < n; i++) this.usable[i] = !Number.isNaN(window.values[i]!) && window.events?.[i] === undefined ? 1 : 0;
    this.origin = epochDay(window.start);
    const indices = new Int32Array(2 * this.weeks);
    this.outlierDays = indices.subarray(0, this.weeks);
    this.outlierSlots = indices.subarray(this.weeks);
    this.plainFrom = Math.min(n, 7 * this.weeks);
    this.keptFrom = Math.min(n, 14 * this.weeks + LEVEL_DAYS);
    this.scoreDays();
  }

  /**
   * The forward pass: each day's plain baseline, mode, own z and kept baseline, in that
   * order, from the days before it.
   */
  private scoreDays(): void {
    const { values, usable, keptMeans, keptSds, keptN, ownZs, minPoints } = this;
    const [relativeDeviations, additiveDeviations] = this.plainDeviations as [Float64Array, Float64Array];
    const moments = MOMENTS;
    // flooredSigma's formula, inlined: the settings were validated once (SeriesEvaluator).
    const { relative: floorRelative, absolute: floorAbsolute } = this.settings.sigmaFloor;
    // Days no target reads (NEEDED says which): no figures, never read.
    ownZs.fill(Number.NaN, 0, this.plainFrom);
    relativeDeviations.fill(Number.NaN, 0, this.plainFrom);
    additiveDeviations.fill(Number.NaN, 0, this.plainFrom);
    // The days before plainFrom are in baselines but have no own z: never outliers.
    const lists = new SameWeekdayLists(this.size);
    for (let i = 0; i < this.plainFrom; i++) if (usable[i] === 1) lists.append(i, values[i]!, false);
    for (let i = this.plainFrom; i < this.size; i++) {
      const candidates = lists.select(i, i - 7 * this.weeks);
      momentsInto(moments, lists.values, lists.from, candidates);
      const plainMean = moments[0]!;
      const plainSd = moments[1]!;
      const mean = candidates >= minPoints ? plainMean : Number.NaN;
      const relative = mean > 0 && plainSd <= MAX_RELATIVE_CV * mean;
      this.additive[i] = relative ? 0 : 1;
      relativeDeviations[i] = deviation(values[i]!, usable[i]!, mean, true);
      additiveDeviations[i] = deviation(values[i]!, usable[i]!, mean, false);

      // Own z: against the plain baseline and the plain recent level, σ floored.
      const value = values[i]!;
      let z = Number.NaN;
      if (!Number.isNaN(value) && !Number.isNaN(mean)) {
        const sd = Math.max(plainSd, floorRelative * Math.abs(mean), floorAbsolute);
        const level = this.levelOf(this.recentDeviations(relative ? relativeDeviations : additiveDeviations, i));
        const expected = expectedValue(mean, level, relative ? 'relative' : 'additive');
        z = weakerZ(clampZ((value - mean) / sd), clampZ((value - expected) / sd));
      }
      ownZs[i] = z;
      if (usable[i] === 1) lists.append(i, value, Math.abs(z) > OUTLIER_Z);

      // Kept baseline: the plain one, minus its outliers while at least minPoints remain.
      if (i < this.keptFrom) continue;
      const drop = lists.outlierCount === 0 ? 0 : this.outliersToDrop(this.takeOutliers(lists), candidates);
      if (drop === 0) {
        keptMeans[i] = plainMean;
        keptSds[i] = plainSd;
        keptN[i] = candidates;
        continue;
      }
      const scratch = this.valueScratch;
      for (let k = 0; k < candidates; k++) scratch[k] = lists.values[lists.from + k]!;
      const kept = this.leaveOutDropped(candidates, drop);
      momentsInto(moments, scratch, 0, kept);
      keptMeans[i] = moments[0]!;
      keptSds[i] = moments[1]!;
      keptN[i] = kept;
    }
  }

  /**
   * The outliers of the slice the last lists.select chose, into outlierDays and
   * outlierSlots (their positions among the slice's values), in date order; returns how many.
   */
  private takeOutliers(lists: SameWeekdayLists): number {
    const count = lists.outlierCount;
    for (let k = 0; k < count; k++) {
      const at = lists.outlierAt(k);
      this.outlierDays[k] = lists.days[at]!;
      this.outlierSlots[k] = at - lists.from;
    }
    return count;
  }

  /**
   * For one day's report, the slice the forward pass read (SameWeekdayLists) walked again:
   * how many same-weekday days before `index` have data and no known event. Those whose
   * own |z| is above OUTLIER_Z go to outlierDays and outlierSlots, in date order, and
   * gatheredOutliers counts them. Their values are not needed: μ and σ are already known.
   */
  private gatherSameWeekdays(index: number): number {
    const { usable, ownZs, outlierDays, outlierSlots } = this;
    let n = 0;
    let outliers = 0;
    // The first same weekday in the window, rather than a test per step.
    let day = index - 7 * this.weeks;
    if (day < 0) day += 7 * Math.ceil(-day / 7);
    for (; day < index; day += 7) {
      if (usable[day] !== 1) continue;
      if (Math.abs(ownZs[day]!) > OUTLIER_Z) {
        outlierDays[outliers] = day;
        outlierSlots[outliers++] = n;
      }
      n++;
    }
    this.gatheredOutliers = outliers;
    return n;
  }

  /** How many outliers the last gatherSameWeekdays found. */
  private gatheredOutliers = 0;

  /**
   * Of the `outliers` in outlierDays and outlierSlots, among a baseline's `candidates`
   * values, how many to leave out, never so many that fewer than minPoints remain (a
   * baseline that is mostly "outliers" is a new normal, not noise). Sorts outlierDays and
   * outlierSlots into that order: the most extreme first, then the oldest.
   */
  private outliersToDrop(outliers: number, candidates: number): number {
    const { ownZs, outlierDays: days, outlierSlots: slots } = this;
    // Insertion by |z|, largest first, ties in date order (the gather's): a total order.
    for (let i = 1; i < outliers; i++) {
      const day = days[i]!;
      const slot = slots[i]!;
      const z = Math.abs(ownZs[day]!);
      let j = i - 1;
      while (j >= 0 && Math.abs(ownZs[days[j]!]!) < z) {
        days[j + 1] = days[j]!;
        slots[j + 1] = slots[j]!;
        j--;
      }
      days[j + 1] = day;
      slots[j + 1] = slot;
    }
    return Math.min(outliers, Math.max(0, candidates - this.minPoints));
  }

  /**
   * Removes the first `drop` outliers (outliersToDrop's order) from the values in
   * valueScratch, keeping the others in date order; returns how many remain. NaN marks a
   * dropped slot: a day a baseline may use always has a number.
   */
  private leaveOutDropped(candidates: number, drop: number): number {
    const scratch = this.valueScratch;
    for (let k = 0; k < drop; k++) scratch[this.outlierSlots[k]!] = Number.NaN;
    let kept = 0;
    for (let i = 0; i < candidates; i++) if (!Number.isNaN(scratch[i]!)) scratch[kept++] = scratch[i]!;
    return kept;
  }

  /** The days left out of a day's kept baseline as outliers (for its report). */
  private droppedDays(index: number): readonly number[] {
    const candidates = this.gatherSameWeekdays(index);
    const drop = this.outliersToDrop(this.gatheredOutliers, candidates);
    return drop === 0 ? NONE_DROPPED : Array.from(this.outlierDays.subarray(0, drop));
  }

  /**
   * The deviations (from their own baselines) of the previous LEVEL_DAYS days that have
   * one, oldest first, into levelScratch; returns how many. Known-event days have none.
   */
  private recentDeviations(deviations: Float64Array, index: number): number {
    const recent = this.levelScratch;
    let n = 0;
    for (let day = Math.max(0, index - LEVEL_DAYS); day < index; day++) {
      const value = deviations[day]!;
      if (!Number.isNaN(value)) recent[n++] = value;
    }
    return n;
  }

  /** The recent level: the median of the n deviations recentDeviations gathered; +∞ when fewer than MIN_LEVEL_DAYS. */
  private levelOf(n: number): number {
    return n < MIN_LEVEL_DAYS ? Number.POSITIVE_INFINITY : medianInPlace(this.levelScratch, n);
  }

  /**
   * Per mode, on first use: each day's deviation from its kept baseline, its kept level,
   * and its prediction error (value − expected, ÷ |μ| in relative mode) as the pooled
   * scale uses it; NaN for a day left out: no value, a known event, no baseline, μ = 0 in
   * relative mode, or an outlier itself.
   */
  private kept(m: ModeIndex): KeptArrays {
    const memo = this.keptByMode[m];
    if (memo !== undefined) return memo;
    const relative = m === RELATIVE;
    const mode: Mode = relative ? 'relative' : 'additive';
    const n = this.size;
    const numbers = new Float64Array(7 * n);
    const arrays: KeptArrays = {
      deviations: numbers.subarray(0, n),
      levels: numbers.subarray(n, 2 * n),
      levelDays: numbers.subarray(2 * n, 3 * n),
      levelSpreads: numbers.subarray(3 * n, 4 * n),
      errors: numbers.subarray(4 * n, 5 * n),
      pooledSpread: numbers.subarray(5 * n, 6 * n).fill(Number.NaN),
      pooledCount: numbers.subarray(6 * n, 7 * n),
      pooledWindow: new SortedWindow(pooledDays(this.weeks)),
      windowTarget: -1,
    };
    const { deviations, levels, levelDays, levelSpreads, errors } = arrays;
    const recent = this.levelScratch;
    deviations.fill(Number.NaN, 0, this.keptFrom);
    levels.fill(Number.POSITIVE_INFINITY, 0, this.keptFrom);
    errors.fill(Number.NaN, 0, this.keptFrom);
    const { values, usable, keptMeans: keptMean, keptN, ownZs, minPoints } = this;
    for (let i = this.keptFrom; i < this.size; i++) {
      const days = this.recentDeviations(deviations, i);
      const level = this.levelOf(days);
      levels[i] = level;
      levelDays[i] = days;
      // The level's spread from the same days, while they are at hand: judging a day
      // gathered them again (the distances' median does not depend on their order).
      if (days >= MIN_LEVEL_DAYS) {
        for (let k = 0; k < days; k++) recent[k] = Math.abs(recent[k]! - level);
        levelSpreads[i] = MAD_TO_SIGMA * medianInPlace(recent, days);
      } else levelSpreads[i] = Number.NaN;
      const mean = keptN[i]! >= minPoints ? keptMean[i]! : Number.NaN;
      deviations[i] = deviation(values[i]!, usable[i]!, mean, relative);
      errors[i] = Number.NaN;
      if (Number.isNaN(deviations[i]!) || Math.abs(ownZs[i]!) > OUTLIER_Z) continue;
      const raw = values[i]! - expectedValue(mean, level, mode);
      errors[i] = relative ? raw / Math.abs(mean) : raw;
    }
    this.keptByMode[m] = arrays;
    return arrays;
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
    return this.additive[index] === 1 ? 'additive' : 'relative';
  }

  /** Names of the days without a value that a report showed, built once per index. */
  private readonly missingDates: (IsoDate | undefined)[] = [];

  dateOf(index: number): IsoDate {
    const date = this.window.dates[index];
    if (date !== undefined) return date;
    let missing = this.missingDates[index];
    if (missing === undefined) this.missingDates[index] = missing = fromEpochDay(this.origin + index);
    return missing;
  }

  indexOf(date: IsoDate): number {
    return epochDay(date) - this.origin;
  }

  value(index: number): number {
    return index < 0 ? Number.NaN : (this.values[index] ?? Number.NaN);
  }

  eventOn(index: number): KnownEvent | undefined {
    return this.window.events?.[index];
  }

  /** μ, σ and size of a day's kept baseline (read one by one: an object per call was garbage per scored day). */
  keptMean(index: number): number {
    return this.keptMeans[index]!;
  }

  keptSd(index: number): number {
    return this.keptSds[index]!;
  }

  keptCount(index: number): number {
    return this.keptN[index]!;
  }

  // Per-target results, memoised: calibration replays the same days under many thresholds.
  private readonly keptReports: (KeptReport | undefined)[] = [];
  /** By mode [relative, additive]; null = no level. */
  private readonly levelTerms: readonly (LevelTerm | null | undefined)[][] = [[], []];

  /**
   * What a day's kept baseline is made of, for the report and explain, once per index.
   * (Built lazily through accessors it cost 2 µs an evaluation more than eagerly: V8
   * creates an object literal with getters in its runtime, not from a boilerplate.)
   */
  keptReport(index: number): KeptReport {
    let report = this.keptReports[index];
    if (report === undefined) this.keptReports[index] = report = this.buildKeptReport(index);
    return report;
  }

  private buildKeptReport(index: number): KeptReport {
    const dropped = this.droppedDays(index);
    // Sized up front (kept = the baseline's count): a 52-week baseline grown by push was
    // reallocated twice per array.
    const kept = this.keptN[index]!;
    const dates = new Array<IsoDate>(kept);
    const values = new Array<number>(kept);
    const missingDates: IsoDate[] = [];
    const excluded: ExcludedDay[] = [];
    let at = 0;
    for (let day = index - 7 * this.weeks; day < index; day += 7) {
      const value = this.value(day);
      if (this.usable[day] === 1 && !dropped.includes(day)) {
        dates[at] = this.dateOf(day);
        values[at++] = value;
      } else if (Number.isNaN(value)) missingDates.push(this.dateOf(day));
      else if (this.eventOn(day) !== undefined) excluded.push({ date: this.dateOf(day), value, reason: 'known_event', event: this.eventOn(day)?.name ?? '' });
      else excluded.push({ date: this.dateOf(day), value, reason: 'outlier', z: this.ownZs[day]! });
    }
    // The same values, in the same order, as the forward pass computed μ and σ from.
    return { dates, values, missingDates, excluded };
  }

  /** The recent level's change before a day in `mode`; +∞ when it has none. */
  levelChange(index: number, mode: Mode): number {
    return this.kept(modeIndex(mode)).levels[index]!;
  }

  /**
   * How much the recent level's days disagree (1.4826·MAD of their deviations around the
   * level), and how many days it rests on; for a day with a finite levelChange.
   */
  levelSpread(index: number, mode: Mode): number {
    return this.kept(modeIndex(mode)).levelSpreads[index]!;
  }

  /** How many of the LEVEL_DAYS days before a day have a deviation in `mode`: the days its level rests on. */
  levelDays(index: number, mode: Mode): number {
    return this.kept(modeIndex(mode)).levelDays[index]!;
  }

  /** A day's level term as its report shows it, or null. */
  level(index: number, mode: Mode): LevelTerm | null {
    const terms = this.levelTerms[modeIndex(mode)]!;
    let term = terms[index];
    if (term === undefined) terms[index] = term = this.buildLevel(index, mode);
    return term;
  }

  private buildLevel(index: number, mode: Mode): LevelTerm | null {
    const change = this.levelChange(index, mode);
    if (!Number.isFinite(change)) return null;
    const { deviations } = this.kept(modeIndex(mode));
    const dates: IsoDate[] = [];
    for (let day = Math.max(0, index - LEVEL_DAYS); day < index; day++) if (!Number.isNaN(deviations[day]!)) dates.push(this.dateOf(day));
    return { change, dates, spread: this.levelSpread(index, mode), mode };
  }

  /**
   * The first day of the run of days, ending the day before `index`, that sat on the
   * `direction` side of their baselines by at least `minDeviation` (relative): where a
   * level shift began, as an index; −1 when the day before did not. The walk stops after
   * pooledDays (so the read stays within lookbackDays): "since" is then the oldest day
   * it reached. An index, not a date: most runs found are too short to be a shift.
   */
  shiftStart(index: number, direction: 1 | -1, minDeviation: number, mode: Mode): number {
    let start = -1;
    const { deviations } = this.kept(modeIndex(mode));
    const oldest = Math.max(0, index - pooledDays(this.weeks));
    for (let day = index - 1; day >= oldest; day--) {
      const deviation = deviations[day]!;
      if (Number.isNaN(deviation) || deviation * direction < minDeviation) break;
      start = day;
    }
    return start;
  }

  /**
   * The pooled scale: 1.4826·MAD of the last pooledDays days' prediction errors
   * (value − expected, divided by |μ| in relative mode), outliers and known events left
   * out. Null with fewer than minPooledDays usable days.
   */
  pooledScale(index: number, mode: Mode): { spread: number; days: number } | null {
    const spread = this.pooledSpreadOf(index, mode);
    return Number.isNaN(spread) ? null : { spread, days: this.kept(modeIndex(mode)).pooledCount[index]! };
  }

  /** pooledScale's spread without an object per call; NaN when there is none. */
  pooledSpreadOf(index: number, mode: Mode): number {
    const arrays = this.kept(modeIndex(mode));
    if (Number.isNaN(arrays.pooledSpread[index]!)) this.buildPooledScale(index, arrays);
    return arrays.pooledCount[index]! < minPooledDays(this.weeks) ? Number.NaN : arrays.pooledSpread[index]!;
  }

  /**
   * The target's window of errors: slid one day when the last target was the day before
   * (a run's or a backtest's dates in order), else filled afresh.
   */
  private buildPooledScale(index: number, arrays: KeptArrays): void {
    const { errors, pooledWindow: window } = arrays;
    const days = pooledDays(this.weeks);
    if (arrays.windowTarget === index - 1) {
      const leaving = index - 1 - days >= 0 ? errors[index - 1 - days]! : Number.NaN;
      const entering = index >= 1 ? errors[index - 1]! : Number.NaN;
      if (!Number.isNaN(leaving) && !Number.isNaN(entering)) window.replace(leaving, entering);
      else if (!Number.isNaN(leaving)) window.remove(leaving);
      else if (!Number.isNaN(entering)) window.add(entering);
    } else {
      window.clear();
      for (let day = Math.max(0, index - days); day < index; day++) if (!Number.isNaN(errors[day]!)) window.add(errors[day]!);
    }
    arrays.windowTarget = index;
    arrays.pooledCount[index] = window.size;
    arrays.pooledSpread[index] = window.size < minPooledDays(this.weeks) ? Number.POSITIVE_INFINITY : MAD_TO_SIGMA * window.medianDistance(window.median());
  }
}

/**
 * What the detector derives per deviation mode from the kept baselines: each day's
 * deviation, recent level (+∞: none) and prediction error (NaN: left out), and the
 * pooled scale of each target with the sorted window it was read from.
 */
interface KeptArrays {
  readonly deviations: Float64Array;
  readonly levels: Float64Array;
  /** How many of the LEVEL_DAYS days before each day have a deviation. */
  readonly levelDays: Float64Array;
  /** 1.4826·MAD of those days' deviations around the level (NaN: no level). */
  readonly levelSpreads: Float64Array;
  readonly errors: Float64Array;
  /** NaN = not computed yet; +∞ = too few days. */
  readonly pooledSpread: Float64Array;
  readonly pooledCount: Float64Array;
  readonly pooledWindow: SortedWindow;
  /** The target the window holds the errors of; −1 = none yet. */
  windowTarget: number;
}

/**
 * A day's deviation from a baseline mean (NaN: no baseline of minPoints values), in the
 * metric's units or relative to |μ|; NaN for a day a baseline may not use, or μ = 0 in
 * relative mode.
 */
function deviation(value: number, usable: number, mean: number, relative: boolean): number {
  if (usable !== 1 || Number.isNaN(mean)) return Number.NaN;
  if (!relative) return value - mean;
  return mean === 0 ? Number.NaN : (value - mean) / Math.abs(mean);
}

/** μ and σ of the baseline scoreDays is computing: one shared pair, not an object per day. */
const MOMENTS = new Float64Array(2);
