import { weekdayName } from '../dates/iso-date.js';
import type { Alert, DomainReport, LevelShiftNote, SuppressedFinding } from './alert.js';
import { contributorText } from './contributor-text.js';
import { levelChangeText, resolvedText } from './resolved-text.js';
import { dataQualityHeadline, groupDataQuality, listSome, problemText } from './data-quality-summary.js';
import { formatPct, formatValue, formatZ } from './format-number.js';
import { baselineSparkline } from './sparkline.js';

/** The human report: a header, one line per alert, then what could not be scored. */
export function renderTextReport(report: DomainReport, context: { warehouse: string }): string {
  const lines: string[] = [];
  lines.push(`monitor ${report.domain} · ${report.date} (${weekdayName(report.date)}) · ${context.warehouse}`);
  if (report.status === 'failed') {
    lines.push(`FAILED  ${report.error?.message ?? 'unknown error'}${report.error?.hint ? ` (hint: ${report.error.hint})` : ''}`);
    return lines.join('\n') + '\n';
  }
  if (report.status === 'data_missing') {
    lines.push(`${report.dataMissing === 'late' ? 'DATA NOT ARRIVED' : 'DATA_MISSING'}  ${report.notes.join('; ')}`);
    return lines.join('\n') + '\n';
  }
  if (report.arrivedLate !== undefined) {
    lines.push(`LATE DATA  no rows for ${report.date} when a run looked at ${report.arrivedLate.missingAt}; the data has arrived and is scored now`);
  }
  lines.push(...dataQualityLines(report.dataQuality));
  if (report.alerts.length === 0) {
    lines.push(quietText(report));
  } else {
    lines.push(summaryLine(report.alerts));
    const seriesWidth = Math.max(...report.alerts.map((a) => `${a.seriesLabel} · ${a.metricLabel}`.length));
    let group: string | null = null;
    for (const alert of report.alerts) {
      if (alert.group !== null && alert.group !== group) lines.push(`${alert.group}:`);
      group = alert.group;
      lines.push(alertLine(alert, seriesWidth));
    }
  }
  if (report.resolved !== undefined && report.resolved.length > 0) {
    lines.push(`Resolved (as in the Slack digest):`);
    for (const r of report.resolved) lines.push(`  ${resolvedText(r)}`);
  }
  const shifts = report.levelShifts ?? [];
  if (shifts.length > 0) {
    lines.push(`Level shifts (learned, not alerting): ${shifts.map(levelShiftText).join(', ')}`);
  }
  const held = report.suppressed.filter((f) => f.reason === 'known_event');
  if (held.length > 0) lines.push(`Held back (known event, not sent): ${held.map(heldText).join(', ')}`);
  if (report.insufficientHistory.length > 0) {
    lines.push(`Warming up (too few same-weekday values to score, no alert possible): ${warmingUpList(report)}`);
  }
  for (const note of report.notes) lines.push(`Note: ${note}`);
  return lines.join('\n') + '\n';
}

/** What a report with no alert says instead (text and Markdown). */
export function quietText(report: DomainReport): string {
  if (report.checked > 0) return `Quiet: ${report.checked} series × metrics checked, none moved beyond its baseline.`;
  return report.dataQuality.length > 0 ? `Nothing else scored for ${report.date}.` : `Nothing scored: no series had enough history for ${report.date}.`;
}

/** `Free · DAU -25.0% since 2026-03-02`: a level shift the recent level has absorbed. */
export function levelShiftText(s: LevelShiftNote): string {
  return `${s.seriesLabel} · ${s.metricLabel} ${levelChangeText(s)} since ${s.since}`;
}

/** `free/dau (2 of 4)`, for every series × metric still warming up. */
export function warmingUpList(report: DomainReport): string {
  return report.insufficientHistory.map((h) => `${h.series}/${h.metric} (${h.points} of ${h.needed})`).join(', ');
}

/** Shown before the alerts: a value we could not trust matters more than one that moved. */
function dataQualityLines(findings: DomainReport['dataQuality']): string[] {
  if (findings.length === 0) return [];
  return [
    `DATA QUALITY  ${dataQualityHeadline(findings.length)}`,
    ...groupDataQuality(findings).flatMap((g) => [`  ${problemText(g)}`, `    in ${listSome(g.series, 'series')}: ${listSome(g.metrics, 'metrics')}`]),
  ];
}

function summaryLine(alerts: readonly Alert[]): string {
  const count = (s: Alert['severity']): number => alerts.filter((a) => a.severity === s).length;
  const parts = (['CRITICAL', 'WARNING', 'NOTICE'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const silenced = alerts.filter((a) => a.silenced !== undefined).length;
  return `${alerts.length} alert${alerts.length === 1 ? '' : 's'}: ${parts.join(', ')}${silenced > 0 ? ` (${silenced} silenced)` : ''}`;
}

/** Why a finding that earned a severity was not an alert, for people. */
export function suppressionText(reason: SuppressedFinding['reason']): string {
  switch (reason) {
    case 'known_event':
      return 'held: known event';
    case 'weekend':
      return 'weekday-only series';
    case 'direction':
      return 'other direction only';
    case 'min_change':
      return 'under the minimum-change gate';
  }
}

/** `free/dau z -3.4 -25.0% (held: known event: Thanksgiving Day)` */
export function heldText(finding: SuppressedFinding): string {
  const event = finding.knownEvent === undefined ? '' : `: ${finding.knownEvent.name}`;
  return `${finding.series}/${finding.metric} z ${formatZ(finding.z)} ${formatPct(finding.pctChange)} (${suppressionText(finding.reason)}${event})`;
}

/** ` · known event: Thanksgiving Day` after an alert on a day of the calendar. */
export function knownEventSuffix(alert: Pick<Alert, 'knownEvent'>): string {
  return alert.knownEvent === undefined ? '' : ` · known event: ${alert.knownEvent.name}`;
}

function alertLine(alert: Alert, seriesWidth: number): string {
  const name = `${alert.seriesLabel} · ${alert.metricLabel}`.padEnd(seriesWidth);
  const stats = [
    formatValue(alert.value, alert.unit, alert.display).padStart(12),
    `μ ${formatValue(alert.mean, null, alert.display)}`.padEnd(12),
    `σ ${formatValue(alert.sd, null, alert.display)}${alert.sdFloored ? '*' : ''}`.padEnd(10),
    `z ${formatZ(alert.z)}`.padEnd(8),
    formatPct(alert.pctChange).padStart(7),
  ].join('  ');
  const spark = baselineSparkline(alert.baseline.values, alert.value);
  const note = alert.note === null ? '' : `${alert.note}. `;
  const contributors = alert.contributors.map((c) => `\n            ↳ ${contributorText(c, alert)}`).join('');
  const silenced = alert.silenced === undefined ? '' : `\n            ⨯ silenced until ${alert.silenced.until} (${alert.silenced.id}: ${alert.silenced.reason}): not sent`;
  return `  ${alert.severity.padEnd(8)}  ${name}  ${stats}  ${spark}${knownEventSuffix(alert)}${silenced}\n            → ${note}${alert.action}${contributors}`;
}

/** Several domains (run --all): a summary line, then each domain's report. */
export function renderTextReports(reports: readonly DomainReport[], context: { warehouse: string }): string {
  if (reports.length === 1 && reports[0] !== undefined) return renderTextReport(reports[0], context);
  const alerts = reports.flatMap((r) => r.alerts);
  const failed = reports.filter((r) => r.status === 'failed').map((r) => r.domain);
  const late = reports.filter((r) => r.status === 'data_missing' && r.dataMissing === 'late').map((r) => r.domain);
  const missing = reports.filter((r) => r.status === 'data_missing' && r.dataMissing !== 'late').map((r) => r.domain);
  const findings = reports.reduce((n, r) => n + r.dataQuality.length, 0);
  const parts = [`${reports.length} domains`, alerts.length === 0 ? 'no alerts' : summaryLine(alerts)];
  if (failed.length > 0) parts.push(`FAILED: ${failed.join(', ')}`);
  if (late.length > 0) parts.push(`DATA NOT ARRIVED: ${late.join(', ')}`);
  if (findings > 0) parts.push(`DATA QUALITY: ${findings} value${findings === 1 ? '' : 's'} not scored`);
  if (missing.length > 0) parts.push(`DATA_MISSING: ${missing.join(', ')}`);
  return [`monitor run · ${parts.join(' · ')}`, '', ...reports.map((r) => renderTextReport(r, context))].join('\n');
}
