import type { Alert, AlertContributor } from './alert.js';
import { formatValue } from './format-number.js';

/**
 * One contributor as a plain-text line body, shared by the text report, Slack and explain:
 *   tier pro: 2,130 → 6,380 (+4,250, 91% of the move)
 *   org Granite Legal: 212 → 0 (-212, gone, 58% of the move)
 * Values are in the alert's metric units; for a rate they are the member's part of the
 * series' rate (its errors over all the series' requests), so they add up to the rate.
 */
export function contributorText(c: AlertContributor, alert: Pick<Alert, 'unit' | 'display'>): string {
  const baseline = formatValue(c.baseline, null, alert.display);
  const current = formatValue(c.current, alert.unit, alert.display);
  const change = `${c.change > 0 ? '+' : c.change < 0 ? '-' : '±'}${formatValue(Math.abs(c.change), null, alert.display)}`;
  const details = [change];
  if (c.status === 'appeared') details.push('new');
  if (c.status === 'vanished') details.push('gone');
  if (c.share !== null) details.push(`${formatShare(c.share)} of the ${c.method === 'volume_weighted' ? 'traffic-weighted change' : 'move'}`);
  return `${c.dimension} ${c.member}: ${baseline} → ${current} (${details.join(', ')})`;
}

/** A negative share (-12%) is a member that moved against the alert's direction. */
function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}
