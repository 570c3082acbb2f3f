import type { FindingsConfig } from '../config/schema.js';
import { severityRank } from '../stats/severity.js';
import type { Severity } from '../stats/types.js';
import type { DomainReport } from './alert.js';

/**
 * The severities a report counts for --fail-on: each alert's own, plus each finding at the
 * severity the config gives it (README "Data quality"). A late pipeline and untrustworthy
 * values are not the business moving, but a cron wrapper must still see them: a run that
 * exits 0 while three domains have no data is a run nobody looks at.
 */
export function reportSeverities(report: DomainReport, findings: FindingsConfig): Severity[] {
  // A silenced alert is one somebody already knows about: it must not fail the cron either.
  const severities: Severity[] = report.alerts.filter((a) => a.silenced === undefined).map((a) => a.severity);
  if (findings.dataQuality !== 'off' && report.dataQuality.length > 0) severities.push(findings.dataQuality);
  if (findings.dataMissing !== 'off' && report.status === 'data_missing' && report.dataMissing === 'late') severities.push(findings.dataMissing);
  return severities;
}

/** True when anything in the reports reaches `level`. */
export function reachesSeverity(reports: readonly DomainReport[], findings: FindingsConfig, level: Severity): boolean {
  return reports.some((r) => reportSeverities(r, findings).some((s) => severityRank(s) >= severityRank(level)));
}
