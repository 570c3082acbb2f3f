import { weekdayName } from '../dates/iso-date.js';
import { escapeMarkdownText, inlineCode, renderMarkdownTable } from '../markdown/markdown-table.js';
import type { Alert, DomainReport } from './alert.js';
import { contributorChangeText } from './contributor-text.js';
import { groupDataQuality, listSome, problemText } from './data-quality-summary.js';
import { formatPct, formatValue, formatZ } from './format-number.js';
import { heldText, levelShiftText, quietText, warmingUpList } from './render-text.js';
import { resolvedText } from './resolved-text.js';
import { configFlag, rerunCommand } from './rerun-command.js';
import { SEVERITY_ORDER } from './slack/severity-groups.js';
import { baselineSparkline } from './sparkline.js';

export interface MarkdownContext {
  /** The warehouse the run read, as the text report names it. */
  readonly warehouse: string;
  /** --config as given, repeated in the re-run commands. */
  readonly configPath?: string | undefined;
}

/**
 * The report as a Markdown document for an issue tracker or a pull-request comment: the
 * same facts as the text report, in tables (alerts, contributors, data quality), with
 * the baseline sparkline and the command that re-runs it. Severity is always a word, so
 * the document reads the same without colour.
 */
export function renderMarkdownReports(reports: readonly DomainReport[], context: MarkdownContext): string {
  if (reports.length === 1 && reports[0] !== undefined) {
    const report = reports[0];
    return [`# monitor ${domainHeading(report)}`, '', warehouseLine(context), '', ...domainBody(report), rerunLine(report, context)].join('\n') + '\n';
  }
  const dates = [...new Set(reports.map((r) => r.date))];
  const lines = [`# monitor run · ${dates.join(', ')}`, '', warehouseLine(context), '', runSummaryTable(reports)];
  for (const report of reports) lines.push(`## ${domainHeading(report)}`, '', ...domainBody(report), rerunLine(report, context), '');
  // One --date pins every domain; with different dates (their data lags) a domain's own line re-runs it.
  if (dates.length === 1) lines.push(`Re-run all: ${inlineCode(`monitor run --all --date ${dates[0]}${configFlag(context.configPath)}`)}`);
  return lines.join('\n').trimEnd() + '\n';
}

function rerunLine(report: DomainReport, context: MarkdownContext): string {
  return `Re-run: ${inlineCode(rerunCommand(report.domain, report.date, context.configPath))}`;
}

function domainHeading(report: DomainReport): string {
  return `${report.domain} · ${escapeMarkdownText(report.title)} · ${report.date} (${weekdayName(report.date)})`;
}

function warehouseLine(context: MarkdownContext): string {
  return `Warehouse: ${escapeMarkdownText(context.warehouse)}`;
}

/** run --all: one row per domain, so a reader sees at once where to look. */
function runSummaryTable(reports: readonly DomainReport[]): string {
  const rows = reports.map((r) => {
    const count = (s: Alert['severity']): string => String(r.alerts.filter((a) => a.severity === s).length);
    return [r.domain, statusText(r), ...SEVERITY_ORDER.map(count), String(r.dataQuality.length)];
  });
  return renderMarkdownTable(['Domain', 'Status', ...SEVERITY_ORDER, 'Data quality'], rows, { rightAligned: (column) => column >= 2 });
}

function statusText(report: DomainReport): string {
  if (report.status === 'failed') return 'FAILED';
  if (report.status === 'data_missing') return report.dataMissing === 'late' ? 'DATA NOT ARRIVED' : 'no data yet';
  if (report.arrivedLate !== undefined) return 'LATE DATA, scored now';
  return report.alerts.length === 0 ? 'quiet' : `${report.alerts.length} alert${report.alerts.length === 1 ? '' : 's'}`;
}

/** A domain's sections, each followed by a blank line. */
function domainBody(report: DomainReport): string[] {
  const lines: string[] = [];
  if (report.status === 'failed') {
    const hint = report.error?.hint ? ` (hint: ${escapeMarkdownText(report.error.hint)})` : '';
    return [...lines, `**FAILED**: ${escapeMarkdownText(report.error?.message ?? 'unknown error')}${hint}`, ''];
  }
  if (report.status === 'data_missing') {
    const what = report.dataMissing === 'late' ? '**DATA NOT ARRIVED**' : '**DATA MISSING**';
    return [...lines, `${what}: ${escapeMarkdownText(report.notes.join('; '))}`, ''];
  }
  if (report.arrivedLate !== undefined) {
    lines.push(`**LATE DATA**: no rows for ${report.date} when a run looked at ${report.arrivedLate.missingAt}; the data has arrived and is scored now.`, '');
  }
  lines.push(...dataQualitySection(report), ...alertSections(report), ...notAlertingSection(report));
  for (const note of report.notes) lines.push(`> Note: ${escapeMarkdownText(note)}`, '');
  return lines;
}

function dataQualitySection(report: DomainReport): string[] {
  if (report.dataQuality.length === 0) return [];
  const rows = groupDataQuality(report.dataQuality).map((g) => [problemText(g), listSome(g.series, 'series'), listSome(g.metrics, 'metrics')]);
  return ['### Data quality (not scored)', '', renderMarkdownTable(['Problem', 'Series', 'Metrics'], rows)];
}

function alertSections(report: DomainReport): string[] {
  if (report.alerts.length === 0) return [quietText(report), ''];
  const header = ['Severity', 'Series · metric', 'Value', 'Expected', 'μ', 'σ', 'z', 'Change', 'Baseline, then the day'];
  const rows = report.alerts.map((a) => [
    severityCell(a),
    `${a.group === null ? '' : `${a.group}: `}${a.seriesLabel} · ${a.metricLabel}`,
    formatValue(a.value, a.unit, a.display),
    a.expected === undefined ? '–' : formatValue(a.expected, null, a.display),
    formatValue(a.mean, null, a.display),
    `${formatValue(a.sd, null, a.display)}${a.sdFloored ? ' (floor)' : ''}`,
    formatZ(a.z),
    formatPct(a.pctChange),
    baselineSparkline(a.baseline.values, a.value),
  ]);
  const lines = ['### Alerts', '', renderMarkdownTable(header, rows, { rightAligned: (column) => column >= 2 && column <= 7 })];
  for (const alert of report.alerts) lines.push(...alertDetail(alert));
  return lines;
}

/** The severity as a word, and what else the reader must know about whether it was sent. */
function severityCell(alert: Alert): string {
  const extra = [alert.silenced === undefined ? '' : 'silenced', alert.knownEvent === undefined ? '' : 'known event'].filter((s) => s !== '');
  return extra.length === 0 ? alert.severity : `${alert.severity} (${extra.join(', ')})`;
}

/** Per alert: what to do, the note, the silence or known event, and the contributors table. */
function alertDetail(alert: Alert): string[] {
  const lines = [`#### ${alert.severity} · ${escapeMarkdownText(`${alert.seriesLabel} · ${alert.metricLabel}`)}`, ''];
  const note = alert.note === null ? '' : `${escapeMarkdownText(alert.note)}. `;
  lines.push(`→ ${note}${escapeMarkdownText(alert.action)}`, '');
  if (alert.knownEvent !== undefined) lines.push(`Known event: ${escapeMarkdownText(alert.knownEvent.name)}`, '');
  if (alert.silenced !== undefined) {
    lines.push(`Silenced until ${alert.silenced.until} (${inlineCode(alert.silenced.id)}: ${escapeMarkdownText(alert.silenced.reason)}): not sent`, '');
  }
  if (alert.contributors.length > 0) {
    const rows = alert.contributors.map((c, i) => [String(i + 1), c.dimension, escapeMarkdownText(c.member), contributorChangeText(c, alert)]);
    lines.push(renderMarkdownTable(['#', 'Dimension', 'Member', 'Baseline → day (change, part of the move)'], rows, { rightAligned: (column) => column === 0 }));
  }
  return lines;
}

/** Resolved, level shifts, held back and warming up: one bullet list, as the text report's tail. */
function notAlertingSection(report: DomainReport): string[] {
  const items: string[] = [];
  for (const r of report.resolved ?? []) items.push(`Resolved: ${escapeMarkdownText(resolvedText(r))}`);
  for (const s of report.levelShifts ?? []) items.push(`Level shift (learned, not alerting): ${escapeMarkdownText(levelShiftText(s))}`);
  for (const f of report.suppressed.filter((finding) => finding.reason === 'known_event')) items.push(`Held back: ${escapeMarkdownText(heldText(f))}`);
  if (report.insufficientHistory.length > 0) items.push(`Warming up (too few same-weekday values to score): ${escapeMarkdownText(warmingUpList(report))}`);
  return items.length === 0 ? [] : ['### Not alerting', '', ...items.map((item) => `- ${item}`), ''];
}
