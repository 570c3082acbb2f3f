import type { Alert } from '../alerts/alert.js';
import { formatPct } from '../alerts/format-number.js';
import { LIFECYCLE_HISTORY_DAYS } from '../alerts/lifecycle.js';
import { replayRange, type DomainBacktest } from '../backtest/backtest-domain.js';
import { deliveryText } from '../backtest/render-backtest.js';
import { buildDomainSeries } from '../domains/daily-series.js';
import { attachContributors } from '../rootcause/attach-contributors.js';
import { buildDomainQuery } from '../run/run-domain.js';
import type { Labels } from '../backtest/backtest-result.js';
import { eventsInRange } from '../backtest/backtest-result.js';
import { resolveDetectorSettings } from '../config/resolve-detector.js';
import type { Config } from '../config/schema.js';
import { addDays, dateRange, type IsoDate } from '../dates/iso-date.js';
import type { DomainDefinition } from '../domains/types.js';
import { MonitorError } from '../errors.js';
import { eventCovers, isLabelled, type LabelEvent } from '../labels/label-events.js';
import { EvaluatorCache } from '../run/evaluator-cache.js';
import { maxBaselineWeeks, seriesLabel } from '../run/detect-domain.js';
import type { Severity } from '../stats/types.js';
import type { Warehouse } from '../warehouse/types.js';
import { chartPoint, type ChartPoint } from './chart-points.js';
import type { AlertRow, DataQualityRow, DomainRow, ReportModel, SeriesChart } from './report-model.js';

/** One domain and the days of it the report covers (a run's domains can differ by their data lag). */
export interface ReportRange {
  readonly domain: DomainDefinition;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface ReportRequest {
  readonly ranges: readonly ReportRange[];
  readonly config: Config;
  readonly warehouse: Warehouse;
  readonly labels: Labels | null;
  readonly toolVersion: string;
  readonly generatedAt: string;
}

/**
 * The report's model. Per domain one query (and one drill-down) reads from the chart's
 * first day, the baseline lookback before `from`, with that day's own lookback. The days
 * of [from, to] are replayed as their daily runs saw them (replayRange: the alerts, their
 * lifecycle, data quality, late days); the chart's days are scored by the same evaluator
 * the replay uses, so each alerting series' chart shows the days its baseline was made
 * of without replaying a daily run for each of them. A failed domain is a row of the
 * summary, not the end of the report.
 */
export async function buildReport(request: ReportRequest): Promise<ReportModel> {
  const parts: DomainPart[] = [];
  for (const range of request.ranges) {
    const { domain } = range;
    const chartFrom = addDays(range.from, -Math.max(7 * maxBaselineWeeks(domain, request.config), LIFECYCLE_HISTORY_DAYS));
    try {
      const rows = await request.warehouse.query(buildDomainQuery({ ...request, domain, from: chartFrom, to: range.to }));
      const replayed = replayRange({ domain, config: request.config, from: range.from, to: range.to }, buildDomainSeries(domain, rows));
      const shown = await attachContributors(replayed.days.map((day) => day.report), { ...request, domain });
      const withContributors = { ...replayed, days: replayed.days.map((day, i) => ({ ...day, report: shown[i] ?? day.report })) };
      parts.push(domainPart(withContributors, { ...request, ...range, chartFrom }));
    } catch (error) {
      if (!(error instanceof MonitorError)) throw error;
      parts.push({ row: { domain: domain.name, title: domain.title, alerts: countBySeverity([]), dataQuality: 0, notArrived: [], failed: error.message }, alerts: [], charts: [], dataQuality: [] });
    }
  }
  const from = request.ranges.map((r) => r.from).sort()[0] ?? '';
  const to = request.ranges.map((r) => r.to).sort().at(-1) ?? '';
  const single = from === to ? from : `${from} … ${to}`;
  return {
    title: `monitor report · ${request.ranges.length === 1 ? request.ranges[0]?.domain.name : 'all domains'} · ${single}`,
    from: from as IsoDate,
    to: to as IsoDate,
    generatedAt: request.generatedAt,
    toolVersion: request.toolVersion,
    source: request.warehouse.description,
    labels: request.labels?.source ?? null,
    domains: parts.map((p) => p.row),
    alerts: parts.flatMap((p) => p.alerts),
    charts: parts.flatMap((p) => p.charts),
    dataQuality: parts.flatMap((p) => p.dataQuality),
  };
}

/** The request as one domain's part sees it: its own range, and the chart's first day. */
type DomainRequest = Omit<ReportRequest, 'ranges'> & ReportRange & { readonly chartFrom: IsoDate };

interface DomainPart {
  readonly row: DomainRow;
  readonly alerts: AlertRow[];
  readonly charts: SeriesChart[];
  readonly dataQuality: DataQualityRow[];
}

function domainPart(backtest: DomainBacktest, request: DomainRequest): DomainPart {
  const inRange = backtest.days;
  const alerts: AlertRow[] = [];
  /** Each charted series × metric, by chart id: its latest alert in the range, if any. */
  const charted = new Map<string, ChartTarget>();
  for (const day of inRange) {
    for (const alert of day.report.alerts) {
      const id = chartId(alert);
      charted.set(id, { ...alert, contributors: alert.contributors });
      alerts.push({
        domain: alert.domain,
        date: alert.date,
        seriesLabel: alert.seriesLabel,
        metricLabel: alert.metricLabel,
        severity: alert.severity,
        z: alert.z,
        change: formatPct(alert.pctChange),
        lifecycle: deliveryText(day, alert),
        note: alert.note,
        chartId: id,
      });
    }
  }
  const dataQuality = inRange.flatMap((day) =>
    day.report.dataQuality.map((f) => ({ domain: f.domain, date: f.date, seriesLabel: f.seriesLabel, metricLabel: f.metricLabel, problems: f.problems })),
  );
  const notArrived = inRange.filter((day) => day.report.status === 'data_missing' && day.report.dataMissing === 'late').map((day) => day.report.date);
  const events = request.labels === null ? [] : eventsInRange(request.labels.events, { ...backtest, from: request.from });
  // A labelled event on a series that never alerted still gets its chart: that is a miss to see.
  for (const target of labelledTargets(backtest, events)) if (!charted.has(chartId(target))) charted.set(chartId(target), target);
  return {
    row: { domain: backtest.domain.name, title: backtest.domain.title, alerts: countBySeverity(alerts), dataQuality: dataQuality.length, notArrived, failed: null },
    alerts,
    charts: [...charted.values()].map((target) => seriesChart(backtest, target, request, { events, found: foundEvents(events, inRange) })),
    dataQuality,
  };
}

/** What a chart is about: a series × metric, how to show its values, and the contributors of its latest alert. */
type ChartTarget = Pick<Alert, 'domain' | 'series' | 'seriesLabel' | 'group' | 'metric' | 'metricLabel' | 'unit' | 'display' | 'contributors'>;

/** The series × metrics labelled events name one by one (an event on "any series" names none). */
function labelledTargets(backtest: DomainBacktest, events: readonly LabelEvent[]): ChartTarget[] {
  const domain = backtest.domain;
  return events.flatMap((event) => {
    if (event.series === null || event.metric === null) return [];
    const metric = domain.metrics.find((m) => m.name === event.metric);
    if (metric === undefined) return [];
    return event.series
      .filter((series) => backtest.data.series.get(series)?.has(metric.name) === true)
      .map((series) => ({
        domain: domain.name,
        series,
        seriesLabel: seriesLabel(domain, series),
        group: backtest.data.groups.get(series) ?? null,
        metric: metric.name,
        metricLabel: metric.label,
        unit: metric.unit ?? null,
        display: metric.display ?? null,
        contributors: [],
      }));
  });
}

/** Each charted series' days, scored through the same evaluator cache the backtest used. */
function seriesChart(
  backtest: DomainBacktest,
  target: ChartTarget,
  request: DomainRequest,
  labelled: { readonly events: readonly LabelEvent[]; readonly found: ReadonlySet<LabelEvent> },
): SeriesChart {
  const settings = resolveDetectorSettings(request.config, backtest.domain.name, target.series, target.metric);
  const values = backtest.data.series.get(target.series)?.get(target.metric);
  const dates = [...backtest.data.datesWithData].sort();
  const cache = EvaluatorCache.forData(backtest.data, dates[0] ?? request.chartFrom, dates.at(-1) ?? request.to);
  // In the range, what the daily runs reported; before it, what the detector flagged that day.
  const flags = new Map<IsoDate, Alert>();
  for (const day of backtest.days) {
    const flagged = day.report.alerts.find((a) => a.series === target.series && a.metric === target.metric);
    if (flagged !== undefined) flags.set(day.report.date, flagged);
  }
  const points: ChartPoint[] = dateRange(request.chartFrom, request.to).map((date) => {
    if (values === undefined) return { date, value: null, expected: null, bands: null, flagged: null, knownEvent: null, levelShiftSince: null };
    const evaluation = cache.evaluate(values, settings, date);
    const knownEvent = evaluation.kind === 'data_missing' ? null : (evaluation.knownEvent?.name ?? null);
    const flagged = date >= request.from ? (flags.get(date)?.severity ?? null) : evaluation.kind === 'scored' ? evaluation.severity : null;
    return chartPoint(evaluation, settings.thresholds, { flagged, knownEvent });
  });
  return {
    id: chartId(target),
    domain: target.domain,
    seriesLabel: target.seriesLabel,
    metricLabel: target.metricLabel,
    unit: target.unit,
    display: target.display,
    thresholds: settings.thresholds,
    points,
    rangeStart: request.from,
    contributors: target.contributors,
    events: labelled.events
      .filter((e) => e.windowDates.some((date) => eventCovers(e, { ...target, date })))
      .map((e) => ({ name: e.name, from: e.windowDates[0] ?? request.from, to: e.windowDates.at(-1) ?? request.to, found: labelled.found.has(e) })),
    flagsOutsideEvents:
      request.labels === null ? null : [...flags.values()].filter((a) => a.date >= request.from && !isLabelled(labelled.events, a)).length,
  };
}

/** The events some alert of the range covers (label-events.ts eventCovers, as the label scores count). */
function foundEvents(events: readonly LabelEvent[], days: DomainBacktest['days']): Set<LabelEvent> {
  const alerts = days.flatMap((day) => day.report.alerts);
  return new Set(events.filter((event) => alerts.some((alert) => eventCovers(event, alert))));
}

/** A stable id for a series × metric, usable in a URL fragment. */
export function chartId(alert: Pick<Alert, 'domain' | 'series' | 'metric'>): string {
  return `chart-${[alert.domain, alert.series, alert.metric].map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, '-')).join('--')}`;
}

function countBySeverity(alerts: readonly { readonly severity: Severity }[]): Record<Severity, number> {
  const counts = { CRITICAL: 0, WARNING: 0, NOTICE: 0 };
  for (const alert of alerts) counts[alert.severity] += 1;
  return counts;
}
