import type { DomainReport } from '../alerts/alert.js';
import type { Config } from '../config/schema.js';
import { addDays, dateRange, type IsoDate } from '../dates/iso-date.js';
import type { DomainSeries } from '../domains/daily-series.js';
import type { DomainDefinition } from '../domains/types.js';
import { assembleReport, detectDomain, scoreSeries, type SeriesVerdict } from '../run/detect-domain.js';
import { EvaluatorCache } from '../run/evaluator-cache.js';
import type { DailyValues } from '../stats/types.js';

/**
 * The reports a daily run for `date` computes (its 14 history days, then the date), from
 * series built once over the whole backtest. Exact, not approximate: a daily run builds
 * its series from its own window [date − lookback, date], and a series exists from its
 * first activity *in that window* (buildDomainSeries), so a series idle on the window's
 * first days (an org with quiet weekends) has fewer baseline points in the daily run than
 * in a year-long build. Those series are re-scored on values cut at that first activity;
 * every other verdict is the year-long one, computed once and shared by all dates.
 */
export class DailyWindowScorer {
  private readonly fullVerdicts = new Map<IsoDate, Map<string, SeriesVerdict>>();
  private readonly fullDays = new Map<IsoDate, ScoredDay>();
  private readonly cutValues = new Map<string, { readonly from: IsoDate | null; readonly values: ReadonlyMap<string, DailyValues> }>();
  private readonly cutVerdicts = new Map<string, { readonly day: IsoDate; readonly verdict: SeriesVerdict }>();
  /** Per-day detector quantities shared by every date a series is scored on. */
  private readonly cache: EvaluatorCache | undefined;

  constructor(
    private readonly domain: DomainDefinition,
    private readonly config: Config,
    private readonly data: DomainSeries,
    /** The longest lookback of any series × metric, in days. */
    private readonly baselineDays: number,
  ) {
    const dates = [...data.datesWithData].sort();
    const first = dates[0];
    const last = dates[dates.length - 1];
    this.cache = first === undefined || last === undefined ? undefined : EvaluatorCache.forData(data, first, last);
  }

  /**
   * Reports for date − historyDays … date, as the daily run for `date` has them, and the
   * series × metrics scored on the date itself.
   */
  run(date: IsoDate, historyDays: number): { readonly reports: DomainReport[]; readonly scored: readonly ScoredMetric[] } {
    // The daily run queries its history days plus the longest baseline before the first of them.
    const windowStart = addDays(date, -(historyDays + this.baselineDays));
    this.forgetBefore(addDays(date, -historyDays), windowStart);
    const cuts = this.cutsFor(windowStart);
    const days = dateRange(addDays(date, -historyDays), date).map((day) => this.day(day, windowStart, cuts));
    const target = days[days.length - 1];
    const scored = (target?.verdicts ?? []).flatMap(({ series, verdict }) => verdict.scored.map((metric) => ({ series, metric })));
    return { reports: days.map((d) => d.report), scored };
  }

  /**
   * Drops what no later target can use when targets come in date order: days before
   * `oldestDay`, and cuts before `windowStart` (a later window starts later, so its cuts
   * are later too). WHY: each cut series has its own detector model over the whole range;
   * kept for a year of targets they held over a gigabyte (enterprise orgs with quiet
   * weekends are cut every week). A target out of order is still exact, only recomputed.
   */
  private forgetBefore(oldestDay: IsoDate, windowStart: IsoDate): void {
    for (const day of this.fullDays.keys()) if (day < oldestDay) this.fullDays.delete(day);
    for (const day of this.fullVerdicts.keys()) if (day < oldestDay) this.fullVerdicts.delete(day);
    for (const [id, entry] of this.cutVerdicts) if (entry.day < oldestDay) this.cutVerdicts.delete(id);
    for (const [id, entry] of this.cutValues) if (entry.from !== null && entry.from < windowStart) this.cutValues.delete(id);
  }

  private day(day: IsoDate, windowStart: IsoDate, cuts: ReadonlyMap<string, IsoDate | null>): ScoredDay {
    if (!this.data.datesWithData.has(day)) {
      // "Late" or "before the data starts" is judged on the window's dates, as the daily run does.
      const datesWithData = new Set([...this.data.datesWithData].filter((d) => d >= windowStart && d <= day));
      return { report: detectDomain(this.domain, this.config, { ...this.data, datesWithData }, day), verdicts: [] };
    }
    // A cut at or before the oldest baseline date of `day` removes nothing it reads.
    const reaches = addDays(day, -this.baselineDays);
    const changed = new Map([...cuts].filter(([, cut]) => cut === null || cut > reaches));
    if (changed.size === 0) return this.fullDay(day);
    const verdicts = [...this.data.series].map(([series, metrics]) => ({
      series,
      verdict: changed.has(series) ? this.cutVerdict(day, series, metrics, changed.get(series) ?? null) : this.fullVerdict(day, series, metrics),
    }));
    return { report: assembleReport(this.domain, day, verdicts.map((v) => v.verdict)), verdicts };
  }

  /** Series whose first activity in the window is after its first day (null: none at all). */
  private cutsFor(windowStart: IsoDate): Map<string, IsoDate | null> {
    const cuts = new Map<string, IsoDate | null>();
    for (const key of this.data.series.keys()) {
      const first = this.data.activeDates.get(key)?.find((d) => d >= windowStart) ?? null;
      if (first !== windowStart) cuts.set(key, first);
    }
    return cuts;
  }

  private cut(key: string, metrics: ReadonlyMap<string, DailyValues>, from: IsoDate | null): ReadonlyMap<string, DailyValues> {
    const id = `${key}\u0000${from ?? ''}`;
    let entry = this.cutValues.get(id);
    if (entry === undefined) {
      const values = new Map([...metrics].map(([metric, values]) => [metric, new Map(from === null ? [] : [...values].filter(([d]) => d >= from))]));
      this.cutValues.set(id, (entry = { from, values }));
    }
    return entry.values;
  }

  /**
   * A cut series' verdict on a day, shared by every target date whose window cuts it at the
   * same day: consecutive targets mostly do, and each replays 15 days.
   */
  private cutVerdict(day: IsoDate, key: string, metrics: ReadonlyMap<string, DailyValues>, from: IsoDate | null): SeriesVerdict {
    const id = `${day}\u0000${key}\u0000${from ?? ''}`;
    let entry = this.cutVerdicts.get(id);
    if (entry === undefined) this.cutVerdicts.set(id, (entry = { day, verdict: scoreSeries(this.domain, this.config, this.data, key, this.cut(key, metrics, from), day, this.cache) }));
    return entry.verdict;
  }

  private fullVerdict(day: IsoDate, key: string, metrics: ReadonlyMap<string, DailyValues>): SeriesVerdict {
    let byKey = this.fullVerdicts.get(day);
    if (byKey === undefined) this.fullVerdicts.set(day, (byKey = new Map()));
    let verdict = byKey.get(key);
    if (verdict === undefined) byKey.set(key, (verdict = scoreSeries(this.domain, this.config, this.data, key, metrics, day, this.cache)));
    return verdict;
  }

  private fullDay(day: IsoDate): ScoredDay {
    let scored = this.fullDays.get(day);
    if (scored === undefined) {
      const verdicts = [...this.data.series].map(([series, metrics]) => ({ series, verdict: this.fullVerdict(day, series, metrics) }));
      scored = { report: assembleReport(this.domain, day, verdicts.map((v) => v.verdict)), verdicts };
      this.fullDays.set(day, scored);
    }
    return scored;
  }
}

export interface ScoredMetric {
  readonly series: string;
  readonly metric: string;
}

interface ScoredDay {
  readonly report: DomainReport;
  readonly verdicts: readonly { readonly series: string; readonly verdict: SeriesVerdict }[];
}
