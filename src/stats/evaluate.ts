import { isWeekend, type IsoDate } from '../dates/iso-date.js';
import { MIN_LEVEL_DAYS } from './detector-method.js';
import { DayModel } from './day-model.js';
import { seriesWindow } from './series-window.js';
import { assertValidDetectorSettings } from './detector-settings.js';
import { assertUsableValue } from './metric-value.js';
import { passesMinChange } from './min-change-gate.js';
import { severityOf, severityRank } from './severity.js';
import { flooredSigma } from './sigma-floor.js';
import type { Baseline, DailyValues, DayVerdict, DetectorSettings, Direction, DropToZeroRule, Evaluation, KnownEvent, LevelShift, Mode, Scale, ScoredVerdict, Severity, Suppression } from './types.js';
import { clampZ, expectedValue, relativeChange, weakerZ } from './z-score.js';

/**
 * Scores one metric of one series on one date (docs/detection-method.md):
 * μ is the mean of the same weekday in the previous `weeks` weeks, leaving out known
 * events and days that were themselves outliers; the expected value is μ moved by the
 * recent level (last 5 days vs their own baselines); the scale is pooled over the
 * prediction errors of the baseline's weeks (at most 70 days); z is the weaker of
 * (value − μ)/scale and (value − expected)/scale′ (z-score.ts weakerZ says why).
 *
 * - No value on the target date → data_missing: the pipeline is late. Reporting it as a
 *   −100 % drop would page someone for the wrong reason.
 * - Fewer than minPoints baseline values → insufficient_history (warming up), never an alert.
 * - Otherwise scored. Suppressions are checked in a fixed order (below_threshold,
 *   direction, weekend, min_change, known_event) so that `suppressedBy` names the most basic reason:
 *   a point that is not unusual is reported as such, not as "gated".
 */
export function evaluateDay(values: DailyValues, target: IsoDate, settings: DetectorSettings): Evaluation {
  const day = oneDay(values, target, settings);
  return day === null ? { kind: 'data_missing', date: target } : fullEvaluation(day.model, verdictOn(day.model, day.index, target, day.value, settings), settings);
}

/** evaluateDay's verdict, without the lists its report shows (DayVerdict says why). */
export function judgeDay(values: DailyValues, target: IsoDate, settings: DetectorSettings): DayVerdict {
  const day = oneDay(values, target, settings);
  return day === null ? { kind: 'data_missing', date: target } : verdictOn(day.model, day.index, target, day.value, settings);
}

/** The target's value, a model of its window alone and the target's index in it; null when the target has no value. */
function oneDay(values: DailyValues, target: IsoDate, settings: DetectorSettings): { model: DayModel; index: number; value: number } | null {
  assertValidDetectorSettings(settings);
  const value = values.get(target);
  if (value === undefined) return null;
  assertUsableValue(value, target);
  const model = new DayModel(seriesWindow(values, target, target, settings), settings);
  return { model, index: model.indexOf(target), value };
}

function verdictOn(model: DayModel, index: number, target: IsoDate, value: number, settings: DetectorSettings): DayVerdict {
  const mean = model.keptMean(index);
  const sd = model.keptSd(index);
  const n = model.keptCount(index);
  // From the call's settings, not the model's: the hold policy is applied per day.
  const knownEvent = settings.knownEvents?.(target);
  const mode = model.modeOf(index);
  const rawScale = scaleBeforeFloor(model, index, mode, mean, sd);
  const sdUsed = flooredSigma(rawScale, mean, settings.sigmaFloor);
  const droppedToZero = isDropToZero(value, n, mean, settings.dropToZero);
  const shortHistory = n < settings.minPoints;
  if (shortHistory && !droppedToZero) {
    const verdict: Writable<Extract<DayVerdict, { kind: 'insufficient_history' }>> = { kind: 'insufficient_history', date: target, value, baselinePoints: n, minPoints: settings.minPoints };
    if (knownEvent !== undefined) verdict.knownEvent = knownEvent;
    return verdict;
  }

  const change = model.levelChange(index, mode);
  const hasLevel = Number.isFinite(change);
  const expected = expectedValue(mean, change, mode);
  const sdLevel = hasLevel ? levelScale(sdUsed, model.levelSpread(index, mode), model.levelDays(index, mode), mean, mode) : sdUsed;
  const zBaseline = clampZ((value - mean) / sdUsed);
  const zLevel = clampZ((value - expected) / sdLevel);
  const z = weakerZ(zBaseline, zLevel);
  const pctChange = relativeChange(value, mean);
  // z = 0 can never alert, so which label it gets then does not matter.
  const direction: Direction = z > 0 || (z === 0 && value >= mean) ? 'up' : 'down';
  const zSeverity = severityOf(Math.abs(z), settings.thresholds);
  // With short history the z-score rests on 1–3 values, too few to grade (minPoints), so
  // the rule alone sets the severity; with full history the stronger of the two wins.
  const ruleSeverity = settings.dropToZero?.severity ?? null;
  const rawSeverity = droppedToZero ? (shortHistory ? ruleSeverity : atLeast(zSeverity, ruleSeverity)) : zSeverity;
  const suppressedBy = suppressionOf(rawSeverity !== null, direction, target, pctChange, settings, knownEvent);
  const shift = hasLevel ? levelShiftOf(model, index, zBaseline, z, change, mode, settings) : null;
  const verdict: Writable<ScoredVerdict> = {
    kind: 'scored',
    date: target,
    value,
    mean,
    sd,
    sdUsed,
    sdFloored: sdUsed > rawScale,
    baselinePoints: n,
    mode,
    expected,
    sdLevel,
    zBaseline,
    zLevel,
    z,
    pctChange,
    direction,
    rawSeverity,
    severity: suppressedBy === null ? rawSeverity : null,
    suppressedBy,
  };
  // Set after, in this order, rather than spread into the literal: object spread is the
  // slow path of every evaluation, and most have none of these.
  // With short history the rule is why the point is scored at all, so it is named even
  // when the few baseline values give a z-score severity as high as the rule's.
  if (droppedToZero && (shortHistory || rawSeverity !== zSeverity)) verdict.rule = 'drop_to_zero';
  if (knownEvent !== undefined) verdict.knownEvent = knownEvent;
  if (shift !== null) verdict.levelShift = shift;
  return verdict;
}

/** The Evaluation of a day from its verdict: the same figures, with the lists its report shows. */
function fullEvaluation(model: DayModel, verdict: DayVerdict, settings: DetectorSettings): Evaluation {
  if (verdict.kind === 'data_missing') return verdict;
  const index = model.indexOf(verdict.date);
  const event: { knownEvent?: KnownEvent } = verdict.knownEvent === undefined ? {} : { knownEvent: verdict.knownEvent };
  const mean = model.keptMean(index);
  const sd = model.keptSd(index);
  const mode = model.modeOf(index);
  const pooled = model.pooledScale(index, mode);
  const scale: Scale =
    pooled === null
      ? { source: 'same_weekday', days: 0, mode, relative: null }
      : { source: 'pooled', days: pooled.days, mode, relative: mode === 'relative' ? pooled.spread : null };
  if (verdict.kind === 'insufficient_history') {
    const rawScale = scaleBeforeFloor(model, index, mode, mean, sd);
    const sdUsed = flooredSigma(rawScale, mean, settings.sigmaFloor);
    return { kind: 'insufficient_history', date: verdict.date, value: verdict.value, baseline: reportedBaseline(model, index, mean, sd, sdUsed, sdUsed > rawScale), minPoints: verdict.minPoints, ...event };
  }
  const scored: Writable<ScoredEvaluation> = {
    kind: 'scored',
    date: verdict.date,
    value: verdict.value,
    baseline: reportedBaseline(model, index, verdict.mean, verdict.sd, verdict.sdUsed, verdict.sdFloored),
    expected: verdict.expected,
    level: model.level(index, mode),
    scale,
    sdLevel: verdict.sdLevel,
    zBaseline: verdict.zBaseline,
    zLevel: verdict.zLevel,
    z: verdict.z,
    pctChange: verdict.pctChange,
    direction: verdict.direction,
    rawSeverity: verdict.rawSeverity,
    severity: verdict.severity,
    suppressedBy: verdict.suppressedBy,
  };
  if (verdict.rule !== undefined) scored.rule = verdict.rule;
  if (verdict.knownEvent !== undefined) scored.knownEvent = verdict.knownEvent;
  if (verdict.levelShift !== undefined) scored.levelShift = verdict.levelShift;
  return scored;
}

/**
 * The scale of a day before the σ floor: the pooled spread of the recent prediction errors
 * (times |μ| in relative mode), or the kept baseline's own σ when there are too few of
 * them (Scale.source says which).
 */
function scaleBeforeFloor(model: DayModel, index: number, mode: Mode, mean: number, sd: number): number {
  const pooled = model.pooledSpreadOf(index, mode);
  return Number.isNaN(pooled) ? sd : mode === 'relative' ? pooled * Math.abs(mean) : pooled;
}

type ScoredEvaluation = Extract<Evaluation, { kind: 'scored' }>;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The scale of the comparison with the expected value: the level term is itself a median
 * of a few days, and its standard error (√(π / 2n) · their spread, for a median of n) adds
 * to the scale. WHY: right after a level shift the weekdays' baselines still mix old and
 * new values in different proportions, so the recent days disagree and the level is
 * uncertain; without this term a shift raised 0.17–0.5 more alerts per series in the
 * following four months (30 synthetic series per size, docs/detection-method.md), with it
 * 0.07–0.1. In quiet times the days agree and the scale grows by about 10 %.
 */
function levelScale(sd: number, levelSpread: number, levelDays: number, mean: number, mode: Mode): number {
  const spread = mode === 'relative' ? levelSpread * Math.abs(mean) : levelSpread;
  const standardError = Math.sqrt(Math.PI / (2 * levelDays)) * spread;
  return Math.sqrt(sd * sd + standardError * standardError);
}

/**
 * A level shift is a day unusual against μ, not against the recent level, with the level
 * moved the same way: the change is real and lasting, and the expected value already
 * follows it. `since` is where the run of same-side days began; it must reach back at
 * least MIN_LEVEL_DAYS days, so one or two odd days before a quiet one are not a "shift".
 */
function levelShiftOf(model: DayModel, index: number, zBaseline: number, z: number, change: number, mode: Mode, settings: DetectorSettings): LevelShift | null {
  const notice = settings.thresholds.notice;
  if (Math.abs(zBaseline) <= notice || Math.abs(z) > notice || Math.sign(change) !== Math.sign(zBaseline)) return null;
  const start = model.shiftStart(index, zBaseline > 0 ? 1 : -1, Math.abs(change) / 2, mode);
  if (start < 0 || index - start < MIN_LEVEL_DAYS) return null;
  return { since: model.dateOf(start), change, mode };
}

/** Activity went to exactly zero after a baseline (of `points` values) that was really active. */
function isDropToZero(value: number, points: number, mean: number, rule: DropToZeroRule | undefined): boolean {
  return rule !== undefined && value === 0 && points > 0 && mean >= rule.minBaselineMean;
}

/** The target's baseline as its report shows it: the figures and the days they come from. */
function reportedBaseline(model: DayModel, index: number, mean: number, sd: number, sdUsed: number, sdFloored: boolean): Baseline {
  const { dates, values, missingDates, excluded } = model.keptReport(index);
  return { dates, values, missingDates, excluded, mean, sd, sdUsed, sdFloored };
}

function atLeast(severity: Severity | null, floor: Severity | null): Severity | null {
  return severityRank(severity) >= severityRank(floor) ? severity : floor;
}

/**
 * One evaluation per target, each exactly as evaluateDay would give it: a backtest that
 * replays a range must see the same alerts as the daily runs did. Every day reads the raw
 * values of its own lookback, never earlier evaluations.
 */
export function evaluateRange(values: DailyValues, targets: readonly IsoDate[], settings: DetectorSettings): Evaluation[] {
  assertValidDetectorSettings(settings);
  if (targets.length === 0) return [];
  const sorted = [...targets].sort();
  const evaluator = new SeriesEvaluator(values, settings, sorted[0]!, sorted[sorted.length - 1]!);
  return targets.map((target) => evaluator.evaluate(target));
}

/**
 * Scores one series × metric on any dates between `first` and `last`, each exactly as
 * evaluateDay would, sharing the per-day quantities (baselines, own z, levels) between
 * dates: scoring a run's 15 days or a year costs O(weeks) per day instead of a fresh
 * model per date. The values must not change while the evaluator is in use.
 */
export class SeriesEvaluator {
  private readonly model: DayModel;
  /** The model's indices of `first` and `last`. */
  private readonly firstIndex: number;
  private readonly lastIndex: number;

  constructor(
    values: DailyValues,
    private readonly settings: DetectorSettings,
    readonly first: IsoDate,
    readonly last: IsoDate,
  ) {
    assertValidDetectorSettings(settings);
    this.model = new DayModel(seriesWindow(values, first, last, settings), settings);
    this.firstIndex = this.model.indexOf(first);
    this.lastIndex = this.model.indexOf(last);
  }

  /**
   * `settings` may differ from the constructor's in what is applied per day (thresholds,
   * direction, gates, weekdays, drop-to-zero, the known events' hold policy), never in what
   * the model is built from (weeks, minPoints, σ floor, the calendar's days): calibration
   * replays one series under many thresholds on one model.
   */
  evaluate(target: IsoDate, settings: DetectorSettings = this.settings): Evaluation {
    return fullEvaluation(this.model, this.judge(target, settings), settings);
  }

  /** evaluate's verdict without the report's lists: what a run needs of every day it does not report. */
  judge(target: IsoDate, settings: DetectorSettings = this.settings): DayVerdict {
    const index = this.model.indexOf(target);
    if (!(index >= this.firstIndex && index <= this.lastIndex)) throw new RangeError(`${target} is outside the evaluator's range ${this.first} … ${this.last}`);
    if (settings !== this.settings) assertValidDetectorSettings(settings);
    // From the model's copy of the values (NaN = none), checked when it was read: a
    // lookup in the map per day cost more than the rest of the preamble.
    const value = this.model.value(index);
    if (Number.isNaN(value)) return { kind: 'data_missing', date: target };
    return verdictOn(this.model, index, target, value, settings);
  }
}

function suppressionOf(
  unusual: boolean,
  direction: Direction,
  target: IsoDate,
  pctChange: number | null,
  settings: DetectorSettings,
  knownEvent: KnownEvent | undefined,
): Suppression | null {
  if (!unusual) return 'below_threshold';
  if (settings.direction !== 'both' && settings.direction !== direction) return 'direction';
  // Enterprise weekends have ~18 % of weekday users (DOMAINS.md): a handful of people, so
  // the day is still scored (visible in reports) but never alerts.
  if (settings.weekdaysOnly && isWeekend(target)) return 'weekend';
  if (!passesMinChange(pctChange, direction, settings.minChange)) return 'min_change';
  // A calendar day whose policy is hold: expected to be unusual, recorded, not sent.
  if (knownEvent?.hold === true) return 'known_event';
  return null;
}
