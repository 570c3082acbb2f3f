import type { IsoDate } from '../dates/iso-date.js';
import type { LevelShiftChange } from './alert.js';
import { formatPct } from './format-number.js';

/** A resolved episode as people read it, the same words in the text report and the Slack digest. */
export function resolvedText(r: {
  readonly seriesLabel: string;
  readonly metricLabel: string;
  readonly since: IsoDate;
  readonly levelShift?: LevelShiftChange | undefined;
}): string {
  const what = `${r.seriesLabel} · ${r.metricLabel}`;
  if (r.levelShift === undefined) return `✅ ${what} back to normal (alerting since ${r.since})`;
  return `↦ ${what}: level shift since ${r.levelShift.since} (${levelChangeText(r.levelShift)}), now the expected level (alerting since ${r.since})`;
}

/** −25.0% for a relative change; ±value in the metric's units for an additive one. */
export function levelChangeText(shift: Pick<LevelShiftChange, 'change' | 'mode'>): string {
  if (shift.mode === 'relative') return formatPct(shift.change);
  return `${shift.change >= 0 ? '+' : ''}${Number(shift.change.toPrecision(3))}`;
}
