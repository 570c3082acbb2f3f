import { addDays, daysBetween, epochDay, type IsoDate } from '../dates/iso-date.js';
import { LEVEL_DAYS, MAD_TO_SIGMA, MAX_RELATIVE_CV, MIN_LEVEL_DAYS, OUTLIER_Z, lookbackDays, minPooledDays, pooledDays } from './detector-method.js';
import { assertUsableValue } from './metric-value.js';
import { compensatedMean, medianInPlace, sampleSd, SortedWindow } from './order-statistics.js';
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
  const dense = new Float64Array(size).fill(Number.NaN);
  // One pass over the map, placing each value by its day number: building a date string
  // per window day cost more than scoring it.
  const origin = epochDay(start);
  for (const [date, value] of values) {
    const index = epochDay(date) - origin;
    if (!(index >= 0 && index < size)) continue;
    assertUsableValue(value, date);
    dense[index] = value;
  }
  const lookup = settings.knownEvents;
  let events: (KnownEvent | undefined)[] | null = null;
  if (lookup !== undefined) {
    events = [];
    for (let i = 0, date = start; i < size; i++, date = addDays(date, 1)) events.push(lookup(date));
  }
  return { start, values: dense, events };
}

/** A day whose baseline had no outlier to leave out: one shared empty list, not one per day. */
const NONE_DROPPED: readonly number[] = [];

/** The days a target's kept baseline is made of, as its report shows them. */
export type KeptReport = Pick<Baseline, 'dates' | 'values' | 'missingDates' | 'excluded'>;

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
  /** 1 for a day with data and no known event: a day baselines, levels and scales may use. */
  private readonly usable: Uint8Array;

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
    this.usable = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.usable[i] = !Number.isNaN(window.values[i]!) && window.events?.[i] === undefined ? 1 : 0;
    this.origin = epochDay(window.start);
    this.candidateScratch = new Int32Array(this.weeks);
    this.valueScratch = new Float64Array(this.weeks);
    const pooled = pooledDays(this.weeks);
    this.pooledWindows = [new SortedWindow(pooled), new SortedWindow(pooled)];
    this.errorMemo = [nan(), nan()];
    this.errorDone = [new Uint8Array(n), new Uint8Array(n)];
    this.pooledSpread = [nan(), nan()];
    this.pooledCount = [new Float64Array(n), new Float64Array(n)];
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

  private readonly origin: number;

  indexOf(date: IsoDate): number {
    return epochDay(date) - this.origin;
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
    const sds = plain ? this.plainSd : this.keptSd;
    const counts = plain ? this.plainN : this.keptN;
    if (!plain) {
      // Computed before the candidates: scoring them may reuse the scratch buffers.
      const dropped = this.droppedDays(index);
      if (dropped.length > 0) {
        let n = 0;
        for (let i = 0, count = this.sameWeekdays(index, this.candidateScratch); i < count; i++) {
          const day = this.candidateScratch[i]!;
          if (!dropped.includes(day)) this.valueScratch[n++] = this.value(day);
        }
        this.setMoments(index, means, sds, counts, n);
        return;
      }
      // Nothing to leave out: the kept baseline is the plain one, value for value.
      this.ensureBaseline(index, true);
      means[index] = this.plainMean[index]!;
      sds[index] = this.plainSd[index]!;
      counts[index] = this.plainN[index]!;
      return;
    }
    const candidates = this.sameWeekdays(index, this.candidateScratch);
    for (let i = 0; i < candidates; i++) this.valueScratch[i] = this.value(this.candidateScratch[i]!);
    this.setMoments(index, means, sds, counts, candidates);
  }

  /**
   * μ and sample σ of the first n values of valueScratch, into the memo arrays. A constant
   * set gets μ = its value and σ = 0 exactly: a summed mean can be an ulp off, and a flat
   * series repeating its value must score z = 0, not a rounding residue. Sample σ (n − 1):
   * with 4–10 points the population formula would understate σ by 5–13 % and over-alert.
   */
  private setMoments(index: number, means: Float64Array, sds: Float64Array, counts: Float64Array, n: number): void {
    const values = this.valueScratch;
    counts[index] = n;
    if (n === 0) {
      means[index] = 0;
      sds[index] = 0;
      return;
    }
    const first = values[0]!;
    let constant = true;
    for (let i = 1; i < n && constant; i++) constant = values[i] === first;
    const mean = constant ? first : compensatedMean(values, n);
    means[index] = mean;
    sds[index] = constant || n < 2 ? 0 : sampleSd(values, n, mean);
  }

  /** Scratch buffers for the inner loops (one model is used by one caller at a time). */
  private readonly candidateScratch: Int32Array;
  private readonly valueScratch: Float64Array;
  private readonly levelScratch = new Float64Array(LEVEL_DAYS);

  /** The same-weekday days with data and no known event before `index`, oldest first, into `out`; returns how many. */
  private sameWeekdays(index: number, out: Int32Array): number {
    let n = 0;
    for (let day = index - 7 * this.weeks; day < index; day += 7) if (day >= 0 && this.usable[day] === 1) out[n++] = day;
    return n;
  }

  /** How many values of the day's plain baseline were themselves outliers. Reads no scratch: ownZ may reuse it. */
  private outlierCount(index: number): number {
    let outliers = 0;
    for (let day = index - 7 * this.weeks; day < index; day += 7) if (day >= 0 && this.usable[day] === 1 && Math.abs(this.ownZ(day)) > OUTLIER_Z) outliers++;
    return outliers;
  }

  /**
   * The days of a day's plain baseline left out of its kept baseline as outliers: the most
   * extreme first, and never so many that fewer than minPoints remain (a baseline that is
   * mostly "outliers" is a new normal, not noise). Memoised: the baseline's moments and its
   * report both need them.
   */
  private droppedDays(index: number): readonly number[] {
    const memo = this.dropped[index];
    if (memo !== undefined) return memo;
    // Every candidate's own z first (it may reuse the scratch buffers), then only memos.
    const outliers = this.outlierCount(index);
    const candidates = this.sameWeekdays(index, this.candidateScratch);
    const room = Math.max(0, candidates - this.minPoints);
    if (outliers === 0 || room === 0) {
      this.dropped[index] = NONE_DROPPED;
      return NONE_DROPPED;
    }
    // Insertion sort of the outliers by |z|, largest first, then oldest first: a total order.
    const order = this.candidateScratch;
    let n = 0;
    for (let i = 0; i < candidates; i++) {
      const day = order[i]!;
      const z = Math.abs(this.ownZ(day));
      if (!(z > OUTLIER_Z)) continue;
      let j = n - 1;
      while (j >= 0 && Math.abs(this.ownZ(order[j]!)) < z) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = day;
      n++;
    }
    const dropped = Array.from(order.subarray(0, Math.min(n, room)));
    this.dropped[index] = dropped;
    return dropped;
  }

  // Memos by index: plain arrays, filled densely over a range (cheaper than Maps).
  private readonly dropped: (readonly number[] | undefined)[] = [];

  // Per-target results, memoised: calibration replays the same days under many thresholds.
  private readonly keptReports: (KeptReport | undefined)[] = [];
  /** By mode [relative, additive]; null = no level. */
  private readonly levelTerms: readonly (LevelTerm | null | undefined)[][] = [[], []];

  /** μ, σ and size of a day's kept baseline. */
  keptMoments(index: number): { mean: number; sd: number; n: number } {
    this.ensureBaseline(index, false);
    return { mean: this.keptMean[index]!, sd: this.keptSd[index]!, n: this.keptN[index]! };
  }

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
    this.ensureBaseline(index, false);
    this.ensureBaseline(index, true);
    // Outliers were left out only when the kept baseline is shorter than the plain one.
    const dropped = this.keptN[index] === this.plainN[index] ? null : this.droppedDays(index);
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
      if (this.usable[day] === 1 && (dropped === null || !dropped.includes(day))) {
        dates[at] = this.dateOf(day);
        values[at++] = value;
      } else if (Number.isNaN(value)) missingDates.push(this.dateOf(day));
      else if (this.isEvent(day)) excluded.push({ date: this.dateOf(day), value, reason: 'known_event', event: this.eventOn(day)?.name ?? '' });
      else excluded.push({ date: this.dateOf(day), value, reason: 'outlier', z: this.ownZ(day) });
    }
    // The same values, in the same order, as ensureBaseline computed μ and σ from.
    return { dates, values, missingDates, excluded };
  }

  /**
   * The recent level before a day: the median relative deviation of the previous
   * LEVEL_DAYS days from their own baselines (known-event days left out). NaN when fewer
   * than MIN_LEVEL_DAYS of them can be compared.
   */
  levelChange(index: number, plain: boolean, mode: Mode): number {
    const memo = this.levelMemo[(plain ? 0 : 2) + (mode === 'relative' ? 0 : 1)]!;
    if (!Number.isNaN(memo[index]!)) return memo[index]!;
    // First pass: each deviation's baseline is computed (which may score other days and
    // reuse levelScratch); the second pass then only reads memos.
    for (let back = 1; back <= LEVEL_DAYS; back++) this.deviation(index - back, plain, mode);
    const deviations = this.levelScratch;
    let n = 0;
    for (let back = 1; back <= LEVEL_DAYS; back++) {
      const deviation = this.deviation(index - back, plain, mode);
      if (!Number.isNaN(deviation)) deviations[n++] = deviation;
    }
    // Infinity marks "computed, no level" so the NaN memo sentinel stays free.
    const result = n < MIN_LEVEL_DAYS ? Number.POSITIVE_INFINITY : medianInPlace(deviations, n);
    memo[index] = result;
    return result;
  }

  /** A day's level term, or null. */
  level(index: number, mode: Mode): LevelTerm | null {
    const terms = this.levelTerms[mode === 'relative' ? 0 : 1]!;
    let term = terms[index];
    if (term === undefined) terms[index] = term = this.buildLevel(index, mode);
    return term;
  }

  private buildLevel(index: number, mode: Mode): LevelTerm | null {
    const change = this.levelChange(index, false, mode);
    if (!Number.isFinite(change)) return null;
    // levelChange already computed these deviations (memos only): nothing below reuses the scratch.
    const distances = this.levelScratch;
    const dates: IsoDate[] = [];
    for (let back = LEVEL_DAYS; back >= 1; back--) {
      const deviation = this.deviation(index - back, false, mode);
      if (Number.isNaN(deviation)) continue;
      distances[dates.length] = Math.abs(deviation - change);
      dates.push(this.dateOf(index - back));
    }
    const spread = MAD_TO_SIGMA * medianInPlace(distances, dates.length);
    return { change, dates, spread, mode };
  }

  /** A day's deviation from its own baseline, in `mode`; NaN when it has none, or is a known event. */
  private deviation(index: number, plain: boolean, mode: Mode): number {
    if (!(this.usable[index] === 1)) return Number.NaN;
    const value = this.window.values[index]!;
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
      const expected = expectedValue(mean, this.levelChange(index, true, mode), mode);
      z = weaker(clampZ((value - mean) / sd), clampZ((value - expected) / sd));
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
    const m = mode === 'relative' ? 0 : 1;
    const spreads = this.pooledSpread[m]!;
    if (Number.isNaN(spreads[index]!)) this.buildPooledScale(index, mode);
    const days = this.pooledCount[m]![index]!;
    return days < minPooledDays(this.weeks) ? null : { spread: spreads[index]!, days };
  }

  // Pooled-scale state by mode [relative, additive]: each day's prediction error (memo),
  // and the sorted window of the last target's errors, slid one day when the next target
  // is the following day (a run's or a backtest's dates in order).
  private readonly errorMemo: readonly Float64Array[];
  private readonly errorDone: readonly Uint8Array[];
  private readonly pooledWindows: readonly SortedWindow[];
  private readonly windowTarget = [-1, -1];
  private readonly pooledSpread: readonly Float64Array[];
  private readonly pooledCount: readonly Float64Array[];

  private buildPooledScale(index: number, mode: Mode): void {
    const m = mode === 'relative' ? 0 : 1;
    const window = this.pooledWindows[m]!;
    const days = pooledDays(this.weeks);
    if (this.windowTarget[m] === index - 1) {
      const leaving = this.predictionError(index - 1 - days, mode);
      if (!Number.isNaN(leaving)) window.remove(leaving);
      const entering = this.predictionError(index - 1, mode);
      if (!Number.isNaN(entering)) window.add(entering);
    } else {
      window.clear();
      for (let back = days; back >= 1; back--) {
        const error = this.predictionError(index - back, mode);
        if (!Number.isNaN(error)) window.add(error);
      }
    }
    this.windowTarget[m] = index;
    this.pooledCount[m]![index] = window.size;
    if (window.size < minPooledDays(this.weeks)) {
      this.pooledSpread[m]![index] = Number.POSITIVE_INFINITY;
      return;
    }
    this.pooledSpread[m]![index] = MAD_TO_SIGMA * window.medianDistance(window.median());
  }

  /**
   * A day's prediction error (value − expected, ÷ |μ| in relative mode) as the pooled
   * scale uses it; NaN for a day left out: no value, a known event, no baseline, μ = 0 in
   * relative mode, or an outlier itself.
   */
  private predictionError(day: number, mode: Mode): number {
    if (day < 0) return Number.NaN;
    const m = mode === 'relative' ? 0 : 1;
    const memo = this.errorMemo[m]!;
    if (this.errorDone[m]![day] === 1) return memo[day]!;
    let error = Number.NaN;
    const value = this.value(day);
    if (!Number.isNaN(value) && !this.isEvent(day)) {
      const mean = this.baselineMean(day, false);
      if (!Number.isNaN(mean) && !(mode === 'relative' && mean === 0) && !(Math.abs(this.ownZ(day)) > OUTLIER_Z)) {
        const raw = value - expectedValue(mean, this.levelChange(day, false, mode), mode);
        error = mode === 'relative' ? raw / Math.abs(mean) : raw;
      }
    }
    memo[day] = error;
    this.errorDone[m]![day] = 1;
    return error;
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
  const zBaseline = clampZ((value - mean) / sd);
  const zLevel = clampZ((value - expected) / sdLevel);
  return { z: weaker(zBaseline, zLevel), zBaseline, zLevel };
}

function weaker(zBaseline: number, zLevel: number): number {
  return Math.sign(zBaseline) !== Math.sign(zLevel) ? 0 : Math.abs(zBaseline) <= Math.abs(zLevel) ? zBaseline : zLevel;
}

/** ±Infinity (σ = 0 with a different value) becomes the largest finite number: JSON keeps it. */
function clampZ(z: number): number {
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, z));
}
