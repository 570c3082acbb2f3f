import type { Severity } from '../../stats/types.js';
import type { DigestAlert } from '../digest.js';

/** The order a digest shows severities in: the one that needs a person first. */
export const SEVERITY_ORDER: readonly Severity[] = ['CRITICAL', 'WARNING', 'NOTICE'];

export const SEVERITY_EMOJI: Readonly<Record<Severity, string>> = {
  CRITICAL: '🔴',
  WARNING: '🟠',
  NOTICE: '🔵',
};

/** CRITICAL first, then WARNING, then NOTICE; the input order within a severity is kept. */
export function bySeverity(alerts: readonly DigestAlert[]): DigestAlert[] {
  return SEVERITY_ORDER.flatMap((severity) => alerts.filter((a) => a.alert.severity === severity));
}

export function countBySeverity(alerts: readonly DigestAlert[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { CRITICAL: 0, WARNING: 0, NOTICE: 0 };
  for (const { alert } of alerts) counts[alert.severity] += 1;
  return counts;
}

/** "2 CRITICAL, 1 WARNING": non-zero severities only, most severe first. */
export function severityCounts(alerts: readonly DigestAlert[]): string {
  const counts = countBySeverity(alerts);
  return SEVERITY_ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
