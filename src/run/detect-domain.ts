import { recommendedAction } from '../alerts/recommended-action.js';
import type { Alert, DataQualityFinding, DomainReport, InsufficientHistory, LevelShiftNote, SeriesMetricRef, SuppressedFinding } from '../alerts/alert.js';
import { compareAlerts } from '../alerts/alert.js';
import { resolveDetectorSettings } from '../config/resolve-detector.js';
import type { Config } from '../config/schema.js';
import type { IsoDate } from '../dates/iso-date.js';
import type { DomainSeries } from '../domains/daily-series.js';
import type { DomainDefinition } from '../domains/types.js';
import { evaluateDay, judgeDay } from '../stats/evaluate.js';
import { lookbackDays } from '../stats/detector-method.js';
import type { EvaluatorCache } from './evaluator-cache.js';
import type { DailyValues, Evaluation } from '../stats/types.js';

/**
 * Scores every series × metric of a domain on one target date. Pure: the series were
 * fetched once for the whole date range, so a backtest over many dates costs one query.
 */
export function detectDomain(domain: DomainDefinition, config: Config, data: DomainSeries, date: IsoDate, cache?: EvaluatorCache): DomainReport {
  if (!data.datesWithData.has(date)) return dataMissingReport(domain, data, date);
  return assembleReport(
    domain,
    date,
    [...data.series].map(([seriesKey, metrics]) => scoreSeries(domain, config, data, seriesKey, metrics, date, cache)),
  );
}

/** What one series (all its metrics) gave on one date: the pieces of a DomainReport. */
export interface SeriesVerdict {
  readonly alerts: readonly Alert[];
  readonly insufficientHistory: readonly InsufficientHistory[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly dataQuality: readonly DataQualityFinding[];
  /** Metrics whose lasting change the recent level has absorbed (not alerts). */
  readonly levelShifts: readonly LevelShiftNote[];
  /** Metrics that were scored (a report's `checked` counts them). */
  readonly scored: readonly string[];
}

/**
 * Scores every metric of one series on a date that has data. `metrics` is normally
 * data.series.get(seriesKey); a backtest passes the values as the daily run's own window
 * would have them (see src/backtest/daily-window.ts).
 */
export function scoreSeries(
  domain: DomainDefinition,
  config: Config,
  data: Pick<DomainSeries, 'groups' | 'quality'>,
  seriesKey: string,
  metrics: ReadonlyMap<string, DailyValues>,
  date: IsoDate,
  cache?: EvaluatorCache,
): SeriesVerdict {
  const alerts: Alert[] = [];
  const insufficientHistory: InsufficientHistory[] = [];
  const suppressed: SuppressedFinding[] = [];
  const dataQuality: DataQualityFinding[] = [];
  const levelShifts: LevelShiftNote[] = [];
  const scored: string[] = [];
  for (const metric of domain.metrics) {
    const values = metrics.get(metric.name);
    if (values === undefined) continue;
    const settings = resolveDetectorSettings(config, domain.name, seriesKey, metric.name);
    // The verdict for every day; the whole evaluation only for an alert, whose baseline the report shows.
    const verdict = cache?.judge(values, settings, date) ?? judgeDay(values, date, settings);
    const ref: SeriesMetricRef = {
      domain: domain.name,
      date,
      series: seriesKey,
      seriesLabel: seriesLabel(domain, seriesKey),
      group: data.groups.get(seriesKey) ?? null,
      metric: metric.name,
      metricLabel: metric.label,
    };
    if (verdict.kind === 'data_missing') {
      const problems = data.quality.get(seriesKey)?.get(metric.name)?.get(date);
      if (problems !== undefined) dataQuality.push({ ...ref, problems });
      continue;
    }
    if (verdict.kind === 'insufficient_history') {
      insufficientHistory.push({ series: seriesKey, metric: metric.name, points: verdict.baselinePoints, needed: verdict.minPoints });
      continue;
    }
    scored.push(metric.name);
    const knownEvent = verdict.knownEvent === undefined ? {} : { knownEvent: { name: verdict.knownEvent.name } };
    if (verdict.suppressedBy !== null && verdict.suppressedBy !== 'below_threshold') {
      suppressed.push({ series: seriesKey, metric: metric.name, z: verdict.z, pctChange: verdict.pctChange, reason: verdict.suppressedBy, ...knownEvent });
    }
    if (verdict.levelShift !== undefined) {
      levelShifts.push({ series: seriesKey, seriesLabel: ref.seriesLabel, metric: metric.name, metricLabel: metric.label, ...verdict.levelShift });
    }
    if (verdict.severity === null) continue;
    const baseline = shownBaseline(cache?.evaluate(values, settings, date) ?? evaluateDay(values, date, settings));
    alerts.push({
      ...ref,
      unit: metric.unit ?? null,
      display: metric.display ?? null,
      severity: verdict.severity,
      direction: verdict.direction,
      value: verdict.value,
      mean: verdict.mean,
      expected: verdict.expected,
      sd: verdict.sdUsed,
      sdFloored: verdict.sdFloored,
      z: verdict.z,
      pctChange: verdict.pctChange,
      baseline,
      action: recommendedAction(verdict.severity, verdict.direction, domain.criticalAction?.(seriesKey), settings.direction === 'up'),
      note: verdict.rule === 'drop_to_zero' ? `${metric.label} fell to zero after an active baseline: churn risk` : null,
      contributors: [],
      ...knownEvent,
    });
  }
  return { alerts, insufficientHistory, suppressed, dataQuality, levelShifts, scored };
}

/** The baseline days an alert shows, from the day's whole evaluation (scored: it alerted). */
function shownBaseline(evaluation: Evaluation): Alert['baseline'] {
  if (evaluation.kind !== 'scored') throw new Error(`an alerting day's evaluation is ${evaluation.kind}: the verdict and the evaluation disagree`);
  return { dates: evaluation.baseline.dates, values: evaluation.baseline.values };
}

/** The report for a date with data, from its series' verdicts in series order. */
export function assembleReport(domain: DomainDefinition, date: IsoDate, verdicts: readonly SeriesVerdict[]): DomainReport {
  const alerts = verdicts.flatMap((v) => v.alerts).sort(compareAlerts);
  return {
    domain: domain.name,
    title: domain.title,
    date,
    status: 'ok',
    alerts,
    checked: verdicts.reduce((n, v) => n + v.scored.length, 0),
    insufficientHistory: verdicts.flatMap((v) => v.insufficientHistory),
    suppressed: verdicts.flatMap((v) => v.suppressed),
    dataQuality: verdicts.flatMap((v) => v.dataQuality),
    levelShifts: verdicts.flatMap((v) => v.levelShifts),
    notes: [],
  };
}

/**
 * No rows at all for the date. With data on other days of the window this is a late
 * pipeline (or a hole in the table): the loud case, a finding sent to Slack and counted by
 * --fail-on. With no data before the date either, the data simply starts later: quiet.
 */
function dataMissingReport(domain: DomainDefinition, data: DomainSeries, date: IsoDate): DomainReport {
  const late = [...data.datesWithData].some((d) => d < date);
  return {
    domain: domain.name,
    title: domain.title,
    date,
    status: 'data_missing',
    dataMissing: late ? 'late' : 'before_start',
    alerts: [],
    checked: 0,
    insufficientHistory: [],
    suppressed: [],
    dataQuality: [],
    notes: [
      late
        ? `no ${domain.name} rows at all for ${date} although earlier days have data: the pipeline is late or the day was not loaded; nothing was scored, the next run checks again`
        : `no ${domain.name} data for ${date} nor before it: the date is before the data starts, or the source tables are empty`,
    ],
  };
}

export function seriesLabel(domain: DomainDefinition, key: string): string {
  return domain.knownSeries.find((s) => s.key === key)?.label ?? key;
}

export function metricLabel(domain: DomainDefinition, name: string): string {
  return domain.metrics.find((m) => m.name === name)?.label ?? name;
}

/** Summaries list series × metrics by series key, then in the domain's metric order. */
export function compareSeriesMetric(domain: DomainDefinition): (a: { series: string; metric: string }, b: { series: string; metric: string }) => number {
  const order = (name: string): number => domain.metrics.findIndex((m) => m.name === name);
  return (a, b) => a.series.localeCompare(b.series) || order(a.metric) - order(b.metric);
}

/**
 * The longest lookback any series × metric of the domain reads, in days (the same-weekday
 * weeks plus the pooled scale's window: lookbackDays).
 */
export function maxLookbackDays(domain: DomainDefinition, config: Config): number {
  return lookbackDays(maxBaselineWeeks(domain, config));
}

/** The most same-weekday weeks any series × metric of the domain compares. */
export function maxBaselineWeeks(domain: DomainDefinition, config: Config): number {
  const seriesKeys = [
    ...domain.knownSeries.map((s) => s.key),
    ...Object.keys(config.domains[domain.name]?.series ?? {}),
    '', // a series only seen in data: domain- and metric-level settings
  ];
  let weeks = 1;
  for (const key of seriesKeys) {
    for (const metric of domain.metrics) weeks = Math.max(weeks, resolveDetectorSettings(config, domain.name, key, metric.name).weeks);
  }
  return weeks;
}
