import type { IsoDate } from '../dates/iso-date.js';
import { evaluateDay, judgeDay, SeriesEvaluator } from '../stats/evaluate.js';
import type { DailyValues, DayVerdict, DetectorSettings, Evaluation } from '../stats/types.js';

/**
 * One SeriesEvaluator per series × metric (values map and settings) for the dates a run or
 * a backtest scores, so the per-day quantities the detector derives are computed once, not
 * once per scored date. Results are exactly evaluateDay's; dates outside the range fall
 * back to it. The values maps must not change while the cache is in use (a run's series are
 * built once from one query).
 */
export class EvaluatorCache {
  /**
   * One cache per series data set (a run's or a backtest's DomainSeries), shared by every
   * replay of it: calibration replays the same series under many configs, and only the
   * thresholds and gates change between them.
   */
  static forData(data: object, first: IsoDate, last: IsoDate): EvaluatorCache {
    const key = `${first}|${last}`;
    let byRange = SHARED.get(data);
    if (byRange === undefined) SHARED.set(data, (byRange = new Map()));
    let cache = byRange.get(key);
    if (cache === undefined) byRange.set(key, (cache = new EvaluatorCache(first, last)));
    return cache;
  }

  private readonly evaluators = new WeakMap<DailyValues, Map<string, SeriesEvaluator>>();
  private readonly calendars = new WeakMap<object, number>();
  private calendarCount = 0;

  constructor(
    private readonly first: IsoDate,
    private readonly last: IsoDate,
  ) {}

  evaluate(values: DailyValues, settings: DetectorSettings, date: IsoDate): Evaluation {
    return this.evaluatorFor(values, settings, date)?.evaluate(date, settings) ?? evaluateDay(values, date, settings);
  }

  /** evaluate's verdict, without the report's lists (DayVerdict): what a run needs of most days. */
  judge(values: DailyValues, settings: DetectorSettings, date: IsoDate): DayVerdict {
    return this.evaluatorFor(values, settings, date)?.judge(date, settings) ?? judgeDay(values, date, settings);
  }

  /** The shared evaluator of a series × metric, or undefined for a date outside the range. */
  private evaluatorFor(values: DailyValues, settings: DetectorSettings, date: IsoDate): SeriesEvaluator | undefined {
    if (date < this.first || date > this.last) return undefined;
    let bySettings = this.evaluators.get(values);
    if (bySettings === undefined) this.evaluators.set(values, (bySettings = new Map()));
    const key = this.modelKey(settings);
    let evaluator = bySettings.get(key);
    if (evaluator === undefined) bySettings.set(key, (evaluator = new SeriesEvaluator(values, settings, this.first, this.last)));
    return evaluator;
  }

  /**
   * What the detector's model is built from (SeriesEvaluator.evaluate): the lookback, the
   * points needed, the σ floor and the calendar's days. Settings are rebuilt per call
   * (resolveDetectorSettings), so they are compared by content; the calendar by the
   * identity of its lookup (one per config and policy, src/calendar/known-events.ts), so
   * an annotate and a hold series get separate models of the same days.
   */
  private modelKey(settings: DetectorSettings): string {
    // Settings objects are memoised per config (resolveDetectorSettings): one key each.
    let key = this.keys.get(settings);
    if (key === undefined) this.keys.set(settings, (key = this.buildModelKey(settings)));
    return key;
  }

  private readonly keys = new WeakMap<DetectorSettings, string>();

  private buildModelKey(settings: DetectorSettings): string {
    let calendar = 0;
    if (settings.knownEvents !== undefined) {
      calendar = this.calendars.get(settings.knownEvents) ?? ++this.calendarCount;
      this.calendars.set(settings.knownEvents, calendar);
    }
    const { weeks, minPoints, sigmaFloor } = settings;
    return `${calendar}|${weeks}|${minPoints}|${sigmaFloor.relative}|${sigmaFloor.absolute}`;
  }
}

const SHARED = new WeakMap<object, Map<string, EvaluatorCache>>();
