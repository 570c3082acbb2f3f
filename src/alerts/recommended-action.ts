import type { Direction, Severity } from '../stats/types.js';

/**
 * DOMAINS.md: CRITICAL → investigate now (contact the account where relevant);
 * WARNING → watch whether it repeats tomorrow; up-spikes → look for launches and
 * campaigns; drops → look for incidents and churn. For metrics where only a rise is bad
 * (cost, latency, errors: configured `direction: up`) a rise is an incident, not a launch.
 */
export function recommendedAction(severity: Severity, direction: Direction, criticalExtra?: string, onlyRiseIsBad = false): string {
  const urgency =
    severity === 'CRITICAL'
      ? `Investigate now${criticalExtra === undefined ? '' : `; ${criticalExtra}`}`
      : severity === 'WARNING'
        ? 'Watch whether it repeats tomorrow'
        : 'For information; act if it repeats';
  const where =
    direction === 'up'
      ? onlyRiseIsBad
        ? 'look for incidents: deploys, capacity, upstream failures'
        : 'look for launches and campaigns'
      : 'look for incidents and churn';
  return `${urgency}: ${where}.`;
}
