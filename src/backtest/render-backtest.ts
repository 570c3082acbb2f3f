import type { DomainReport } from '../alerts/alert.js';
import type { DigestAlert } from '../alerts/digest.js';
import { formatPct, formatValue, formatZ } from '../alerts/format-number.js';
import { REPORT_SCHEMA_VERSION } from '../alerts/alert.js';
import { SEVERITY_ORDER } from '../alerts/slack/severity-groups.js';
import { fixedOrDash, textTable } from '../alerts/text-table.js';
import { weekdayName } from '../dates/iso-date.js';
import { renderLabelScores } from '../labels/render-label-scores.js';
import type { LabelScoreRow } from '../labels/score-labels.js';
import type { DomainBacktest } from './backtest-domain.js';
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
  for (const day of backtest.days) lines.push(...dayLines(day.report, new Map(day.sent.map((s) => [seriesMetric(s.alert), s]))));
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

function dayLines(report: DomainReport, sent: ReadonlyMap<string, DigestAlert>): string[] {
  const day = `  ${report.date} ${weekdayName(report.date)}`;
  if (report.status === 'data_missing') return report.dataMissing === 'late' ? [`${day}  DATA NOT ARRIVED`] : [];
  const lines = report.dataQuality.map((f) => `${day}  DATA QUALITY  ${f.seriesLabel} · ${f.metricLabel}: ${f.problems.join('; ')}`);
  for (const alert of report.alerts) {
    const stats = [formatValue(alert.value, alert.unit, alert.display), `μ ${formatValue(alert.mean, null, alert.display)}`, `z ${formatZ(alert.z)}`, formatPct(alert.pctChange)].join('  ');
    lines.push(`${day}  ${alert.severity.padEnd(8)}  ${alert.seriesLabel} · ${alert.metricLabel}  ${stats}${sentNote(sent.get(seriesMetric(alert)))}`);
  }
  // Notes (data not final yet, root cause unavailable) qualify the day's alerts; a quiet day's are noise here.
  if (report.alerts.length > 0) lines.push(...report.notes.map((note) => `${day}  note: ${note}`));
  return lines;
}

/** What the daily run did with the alert, when it is not simply "posted as is". */
function sentNote(sent: DigestAlert | undefined): string {
  const text = sentText(sent);
  return text === '' ? '' : `  (${text})`;
}

/** What the daily run did with an alert, '' when it was simply posted as is. */
export function sentText(sent: DigestAlert | undefined): string {
  if (sent === undefined) return 'not sent: under a CRITICAL of its series';
  const day = sent.lifecycle.kind === 'ongoing' ? `day ${sent.lifecycle.day}` : '';
  if (sent.escalatedFrom !== null) return `sent as ${sent.alert.severity}: ${day}`;
  return day;
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
