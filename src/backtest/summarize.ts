import type { Severity } from '../stats/types.js';
import { compareSeriesMetric, metricLabel, seriesLabel } from '../run/detect-domain.js';
import type { Flag } from '../labels/label-events.js';
import type { DomainBacktest } from './backtest-domain.js';

export type SeverityCounts = Record<Severity, number>;

/** One series × metric over the backtest range. */
export interface SeriesMetricSummary {
  readonly series: string;
  readonly seriesLabel: string;
  readonly metric: string;
  readonly metricLabel: string;
  readonly daysScored: number;
  readonly daysInsufficientHistory: number;
  readonly dataQualityFindings: number;
  /** Raised by the detector, at its own severity. */
  readonly alerts: SeverityCounts;
  /** alerts × 30 / daysScored: what a person would see in a month (null when nothing was scored). */
  readonly alertsPer30Days: Record<Severity, number | null>;
  readonly sent: number;
}

export interface DomainSummary {
  readonly domain: string;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly daysNotArrived: number;
  readonly daysBeforeData: number;
  readonly alerts: SeverityCounts;
  readonly sent: number;
  readonly dataQualityFindings: number;
  readonly rows: readonly SeriesMetricSummary[];
}

const noAlerts = (): SeverityCounts => ({ NOTICE: 0, WARNING: 0, CRITICAL: 0 });

export function summarizeBacktest(backtest: DomainBacktest): DomainSummary {
  const { domain } = backtest;
  const rows = new Map<string, { series: string; metric: string; scored: number; insufficient: number; quality: number; alerts: SeverityCounts; sent: number }>();
  const row = (series: string, metric: string) => {
    const key = JSON.stringify([series, metric]);
    let entry = rows.get(key);
    if (entry === undefined) rows.set(key, (entry = { series, metric, scored: 0, insufficient: 0, quality: 0, alerts: noAlerts(), sent: 0 }));
    return entry;
  };
  for (const { report, sent, scored } of backtest.days) {
    for (const s of scored) row(s.series, s.metric).scored += 1;
    for (const h of report.insufficientHistory) row(h.series, h.metric).insufficient += 1;
    for (const f of report.dataQuality) row(f.series, f.metric).quality += 1;
    for (const a of report.alerts) row(a.series, a.metric).alerts[a.severity] += 1;
    for (const s of sent) row(s.alert.series, s.alert.metric).sent += 1;
  }
  const summaries = [...rows.values()]
    .sort(compareSeriesMetric(domain))
    .map((r): SeriesMetricSummary => ({
      series: r.series,
      seriesLabel: seriesLabel(domain, r.series),
      metric: r.metric,
      metricLabel: metricLabel(domain, r.metric),
      daysScored: r.scored,
      daysInsufficientHistory: r.insufficient,
      dataQualityFindings: r.quality,
      alerts: r.alerts,
      alertsPer30Days: {
        NOTICE: per30(r.alerts.NOTICE, r.scored),
        WARNING: per30(r.alerts.WARNING, r.scored),
        CRITICAL: per30(r.alerts.CRITICAL, r.scored),
      },
      sent: r.sent,
    }));
  const total = noAlerts();
  for (const r of summaries) for (const s of ['NOTICE', 'WARNING', 'CRITICAL'] as const) total[s] += r.alerts[s];
  return {
    domain: domain.name,
    from: backtest.from,
    to: backtest.to,
    days: backtest.days.length,
    daysNotArrived: backtest.days.filter((d) => d.report.status === 'data_missing' && d.report.dataMissing === 'late').length,
    daysBeforeData: backtest.days.filter((d) => d.report.status === 'data_missing' && d.report.dataMissing !== 'late').length,
    alerts: total,
    sent: summaries.reduce((n, r) => n + r.sent, 0),
    dataQualityFindings: summaries.reduce((n, r) => n + r.dataQualityFindings, 0),
    rows: summaries,
  };
}

function per30(count: number, days: number): number | null {
  return days === 0 ? null : (count * 30) / days;
}

/**
 * The backtest as label scoring sees it: every alert raised (detected), what the daily
 * runs would have posted (sent), and the series-days scored (the false-alert denominator).
 */
export function backtestFlags(backtest: DomainBacktest): { readonly detected: Flag[]; readonly sent: Flag[]; readonly scoredDays: number } {
  return {
    detected: backtest.days.flatMap((d) => d.report.alerts),
    // The severity a sent alert carries is the escalated one, as posted.
    sent: backtest.days.flatMap((d) => d.sent.map((s) => s.alert)),
    scoredDays: backtest.days.reduce((n, d) => n + new Set(d.scored.map((s) => s.series)).size, 0),
  };
}
