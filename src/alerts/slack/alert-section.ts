import type { Lifecycle, DigestAlert } from '../digest.js';
import { formatPct, formatValue, formatZ } from '../format-number.js';
import { baselineSparkline } from '../sparkline.js';
import { contributorLines } from './contributors.js';
import { codeSpan, escapeMrkdwn } from './mrkdwn.js';
import { SEVERITY_EMOJI } from './severity-groups.js';

/**
 * One alert as mrkdwn, the same facts as the text report's line:
 *   🔴 *Free · Image generations* · CRITICAL · ongoing, day 3 · escalated from WARNING
 *   📅 Known event: Spring sale          (only on a day of the known-event calendar)
 *   *19,633* vs μ 7,247 · σ 262 · z +47.2 · +171%  `▁▁▁▁▁▁▁▁▁▁ █`
 *   → Investigate now: look for launches and campaigns.
 *   Top contributors: …
 */
export function alertSectionText({ alert, lifecycle, escalatedFrom }: DigestAlert): string {
  const name = `${alert.seriesLabel} · ${alert.metricLabel}`;
  const title = [
    `${SEVERITY_EMOJI[alert.severity]} *${escapeMrkdwn(name)}*${alert.group === null ? '' : ` (${escapeMrkdwn(alert.group)})`}`,
    alert.severity,
    lifecycleText(lifecycle),
    ...(escalatedFrom === null ? [] : [`escalated from ${escalatedFrom}`]),
  ].join(' · ');

  // The text report marks a floored σ with `*`; in mrkdwn a lone `*` may start bold.
  const stats = [
    `*${formatValue(alert.value, alert.unit, alert.display)}* vs μ ${formatValue(alert.mean, null, alert.display)}`,
    `σ ${formatValue(alert.sd, null, alert.display)}${alert.sdFloored ? ' (floor)' : ''}`,
    `z ${formatZ(alert.z)}`,
    formatPct(alert.pctChange),
  ].join(' · ');
  const spark = codeSpan(baselineSparkline(alert.baseline.values, alert.value));

  const action = `→ ${alert.note === null ? '' : `${alert.note}. `}${alert.action}`;
  const lines = [title, ...knownEventLines(alert), `${escapeMrkdwn(stats)}  ${spark}`, escapeMrkdwn(action)];

  const contributors = contributorLines(alert);
  if (contributors.length > 0) lines.push('Top contributors:', ...contributors);
  return lines.join('\n');
}

/** The calendar's event on the alert's day, right under the title: it may explain the move. */
export function knownEventLines(alert: DigestAlert['alert']): string[] {
  return alert.knownEvent === undefined ? [] : [`📅 ${escapeMrkdwn(`Known event: ${alert.knownEvent.name}`)}`];
}

export function lifecycleText(lifecycle: Lifecycle): string {
  return lifecycle.kind === 'new' ? 'new' : `ongoing, day ${lifecycle.day}`;
}
