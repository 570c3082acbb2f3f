import type { Direction, Severity } from '../stats/types.js';

/**
 * DOMAINS.md: CRITICAL → investigate now (contact the account where relevant);
 * WARNING → watch whether it repeats tomorrow; up-spikes → look for launches and
 * campaigns; drops → look for incidents and churn.
 */
export function recommendedAction(severity: Severity, direction: Direction, criticalExtra?: string): string {
  const urgency =
    severity === 'CRITICAL'
      ? `Investigate now${criticalExtra === undefined ? '' : `; ${criticalExtra}`}`
      : severity === 'WARNING'
        ? 'Watch whether it repeats tomorrow'
        : 'For information; act if it repeats';
  const where = direction === 'up' ? 'look for launches and campaigns' : 'look for incidents and churn';
  return `${urgency}: ${where}.`;
}
