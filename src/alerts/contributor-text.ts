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
  return `${c.dimension} ${c.member}: ${contributorChangeText(c, alert)}`;
}

/** The part after the member's name: `2,130 → 6,380 (+4,250, 91% of the move)` (the Markdown table's cell). */
export function contributorChangeText(c: AlertContributor, alert: Pick<Alert, 'unit' | 'display'>): string {
  const baseline = formatValue(c.baseline, null, alert.display);
  const current = formatValue(c.current, alert.unit, alert.display);
  const change = `${c.change > 0 ? '+' : c.change < 0 ? '-' : '±'}${formatValue(Math.abs(c.change), null, alert.display)}`;
  const details = [change];
  if (c.status === 'appeared') details.push('new');
  if (c.status === 'vanished') details.push('gone');
  if (c.share !== null && Math.round(c.share * 100) === 0 && c.method !== 'volume_weighted') {
    // "0% of the move" reads as noise: such a member is listed because its share of the
    // total shifted (others moved around it), so that is the figure to show.
    details.push(`its share of the total ${signed(Math.round(c.contributionChange * 100))} pts`);
  } else if (c.share !== null) {
    details.push(`${formatShare(c.share)} of the ${c.method === 'volume_weighted' ? 'traffic-weighted change' : 'move'}`);
  }
  return `${baseline} → ${current} (${details.join(', ')})`;
}

/** A negative share (-12%) is a member that moved against the alert's direction. */
function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `-${-points}` : '±0';
}
