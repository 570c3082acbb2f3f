import type { Alert } from '../alerts/alert.js';
import { formatPct, formatValue, formatZ } from '../alerts/format-number.js';
import { REPORT_SCHEMA_VERSION } from '../alerts/alert.js';
import { SEVERITY_ORDER } from '../alerts/slack/severity-groups.js';
import { fixedOrDash, textTable } from '../alerts/text-table.js';
import { weekdayName } from '../dates/iso-date.js';
import { renderLabelScores } from '../labels/render-label-scores.js';
import type { LabelScoreRow } from '../labels/score-labels.js';
import type { BacktestDay, DomainBacktest } from './backtest-domain.js';
import type { DomainSummary } from './summarize.js';

/** A domain's backtest, summarised, with its label scores when labels were given. */
export interface BacktestResult {
  readonly backtest: DomainBacktest;
  readonly summary: DomainSummary;
  readonly labels: { readonly source: string; readonly events: number; readonly rows: readonly LabelScoreRow[] } | null;
}

export interface BacktestContext {
  /** What was replayed: "embedded DuckDB …", or the CSV file for scan. */
  readonly source: string;
  readonly command: 'backtest' | 'scan';
}

/** Per day the alerts (and days with no data or bad values), then the summary per domain. */
export function renderBacktestText(results: readonly BacktestResult[], context: BacktestContext): string {
  const first = results[0]?.summary;
  const lines = [`monitor ${context.command} · ${first?.from ?? ''} … ${first?.to ?? ''} (${first?.days ?? 0} days) · ${context.source}`];
  for (const result of results) lines.push('', ...domainLines(result));
  return lines.join('\n') + '\n';
}

function domainLines({ backtest, summary, labels }: BacktestResult): string[] {
  const lines = [`${backtest.domain.name} · ${backtest.domain.title}`];
  for (const day of backtest.days) lines.push(...dayLines(day));
  lines.push(`  Summary: ${summaryLine(summary)}`);
  lines.push(...textTable(summaryTable(summary), { indent: '  ', rightAligned: (column) => column > 0 }));
  if (labels !== null) lines.push(`  ${labelsLine(labels)}`, ...renderLabelScores(labels.rows));
  return lines;
}

/** `31 days · 2 CRITICAL, 1 NOTICE · 2 sent · 0 data-quality findings · 0 days data not arrived` (text and Markdown). */
export function summaryLine(summary: DomainSummary): string {
  const counts = SEVERITY_ORDER.filter((s) => summary.alerts[s] > 0).map((s) => `${summary.alerts[s]} ${s}`);
  return (
    `${summary.days} days · ${counts.length === 0 ? 'no alerts' : counts.join(', ')} · ${summary.sent} sent · ` +
    `${summary.dataQualityFindings} data-quality findings · ${summary.daysNotArrived} days data not arrived`
  );
}

/** The per-series summary, header first: the text and the Markdown report show the same table. */
export function summaryTable(summary: DomainSummary): string[][] {
  const header = ['series · metric', 'scored', 'insuff.', 'DQ', 'NOTICE/30d', 'WARNING/30d', 'CRITICAL/30d', 'sent'];
  const body = summary.rows.map((r) => [
    `${r.seriesLabel} · ${r.metricLabel}`,
    String(r.daysScored),
    String(r.daysInsufficientHistory),
    String(r.dataQualityFindings),
    fixedOrDash(r.alertsPer30Days.NOTICE),
    fixedOrDash(r.alertsPer30Days.WARNING),
    fixedOrDash(r.alertsPer30Days.CRITICAL),
    String(r.sent),
  ]);
  return [header, ...body];
}

export function labelsLine(labels: NonNullable<BacktestResult['labels']>): string {
  return `Labels: ${labels.source}, ${labels.events} event${labels.events === 1 ? '' : 's'} (no point adjustment)`;
}

export const seriesMetric = (a: { series: string; metric: string }): string => JSON.stringify([a.series, a.metric]);

function dayLines(backtestDay: BacktestDay): string[] {
  const { report } = backtestDay;
  const day = `  ${report.date} ${weekdayName(report.date)}`;
  if (report.status === 'data_missing') return report.dataMissing === 'late' ? [`${day}  DATA NOT ARRIVED`] : [];
  const lines = report.dataQuality.map((f) => `${day}  DATA QUALITY  ${f.seriesLabel} · ${f.metricLabel}: ${f.problems.join('; ')}`);
  for (const alert of report.alerts) {
    const stats = [formatValue(alert.value, alert.unit, alert.display), `μ ${formatValue(alert.mean, null, alert.display)}`, `z ${formatZ(alert.z)}`, formatPct(alert.pctChange)].join('  ');
    lines.push(`${day}  ${alert.severity.padEnd(8)}  ${alert.seriesLabel} · ${alert.metricLabel}  ${stats}${deliveryNote(backtestDay, alert)}`);
  }
  // Notes (data not final yet, root cause unavailable) qualify the day's alerts; a quiet day's are noise here.
  if (report.alerts.length > 0) lines.push(...report.notes.map((note) => `${day}  note: ${note}`));
  return lines;
}

/** What the daily run did with the alert, when it is not simply "posted as new". */
function deliveryNote(day: BacktestDay, alert: Alert): string {
  const text = deliveryText(day, alert);
  return text === 'new' ? '' : `  (${text})`;
}

/**
 * What the daily run did with one of its alerts (src/alerts/lifecycle.ts): posted as
 * 'new' or 'day N', posted escalated, held back under a CRITICAL of its series, or below
 * slack.minSeverity (in the report, not posted). The backtest's text and Markdown and the
 * HTML report say it alike.
 */
export function deliveryText(day: Pick<BacktestDay, 'sent' | 'inhibited'>, alert: Pick<Alert, 'series' | 'metric'>): string {
  const key = seriesMetric(alert);
  const sent = day.sent.find((s) => seriesMetric(s.alert) === key);
  if (sent === undefined) return day.inhibited.some((a) => seriesMetric(a) === key) ? 'not sent: under a CRITICAL of its series' : 'not sent: below slack.minSeverity';
  const lifecycle = sent.lifecycle.kind === 'ongoing' ? `day ${sent.lifecycle.day}` : 'new';
  return sent.escalatedFrom === null ? lifecycle : `sent as ${sent.alert.severity}: ${lifecycle}`;
}

/** The machine form: every day's report (the daily run's JSON report for that date), what was sent, the summary and label scores. */
export function renderBacktestJson(results: readonly BacktestResult[], context: BacktestContext & { readonly version: string }): string {
  return (
    JSON.stringify(
      {
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: 'monitor', version: context.version },
        command: context.command,
        source: context.source,
        domains: results.map(({ backtest, summary, labels }) => ({
          domain: backtest.domain.name,
          summary,
          labels: labels === null ? null : { source: labels.source, events: labels.events, scores: labels.rows },
          days: backtest.days.map((day) => ({
            ...day.report,
            sent: day.sent.map((s) => ({ series: s.alert.series, metric: s.alert.metric, severity: s.alert.severity, escalatedFrom: s.escalatedFrom, lifecycle: s.lifecycle })),
            inhibited: day.inhibited.map((a) => ({ series: a.series, metric: a.metric, severity: a.severity })),
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
