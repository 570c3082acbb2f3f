import { isWeekend, type IsoDate } from '../dates/iso-date.js';
import { assertValidDetectorSettings } from './detector-settings.js';
import { assertUsableValue } from './metric-value.js';
import { passesMinChange } from './min-change-gate.js';
import { sameWeekdayBaseline } from './same-weekday-baseline.js';
import { severityOf, severityRank } from './severity.js';
import type { Baseline, DailyValues, DetectorSettings, Direction, DropToZeroRule, Evaluation, Severity, Suppression } from './types.js';
import { relativeChange, zScore } from './z-score.js';

/**
 * Scores one metric of one series on one date.
 *
 * - No value on the target date → data_missing: the pipeline is late. Reporting it as a
 *   −100 % drop would page someone for the wrong reason.
 * - Fewer than minPoints baseline values → insufficient_history, never an alert.
 * - Otherwise scored. Suppressions are checked in a fixed order (below_threshold,
 *   direction, weekend, min_change) so that `suppressedBy` names the most basic reason:
 *   a point that is not unusual is reported as such, not as "gated".
 */
export function evaluateDay(values: DailyValues, target: IsoDate, settings: DetectorSettings): Evaluation {
  assertValidDetectorSettings(settings);
  const value = values.get(target);
  if (value === undefined) return { kind: 'data_missing', date: target };
  assertUsableValue(value, target);

  const baseline = sameWeekdayBaseline(values, target, settings.weeks, settings.sigmaFloor);
  const droppedToZero = isDropToZero(value, baseline, settings.dropToZero);
  const shortHistory = baseline.values.length < settings.minPoints;
  if (shortHistory && !droppedToZero) {
    return { kind: 'insufficient_history', date: target, value, baseline, minPoints: settings.minPoints };
  }

  const z = zScore(value, baseline);
  const pctChange = relativeChange(value, baseline.mean);
  // value = μ has z = 0 and can never alert, so which label it gets does not matter.
  const direction: Direction = value >= baseline.mean ? 'up' : 'down';
  const zSeverity = severityOf(Math.abs(z), settings.thresholds);
  // With short history the z-score rests on 1–3 values, too few to grade (minPoints), so
  // the rule alone sets the severity; with full history the stronger of the two wins.
  const ruleSeverity = settings.dropToZero?.severity ?? null;
  const rawSeverity = droppedToZero ? (shortHistory ? ruleSeverity : atLeast(zSeverity, ruleSeverity)) : zSeverity;
  const suppressedBy = suppressionOf(rawSeverity !== null, direction, target, pctChange, settings);
  return {
    kind: 'scored',
    date: target,
    value,
    baseline,
    z,
    pctChange,
    direction,
    rawSeverity,
    severity: suppressedBy === null ? rawSeverity : null,
    suppressedBy,
    // With short history the rule is why the point is scored at all, so it is named even
    // when the few baseline values give a z-score severity as high as the rule's.
    ...(droppedToZero && (shortHistory || rawSeverity !== zSeverity) ? { rule: 'drop_to_zero' as const } : {}),
  };
}

/** Activity went to exactly zero after a baseline that was really active. */
function isDropToZero(value: number, baseline: Baseline, rule: DropToZeroRule | undefined): boolean {
  return rule !== undefined && value === 0 && baseline.values.length > 0 && baseline.mean >= rule.minBaselineMean;
}

function atLeast(severity: Severity | null, floor: Severity | null): Severity | null {
  return severityRank(severity) >= severityRank(floor) ? severity : floor;
}

/**
 * One evaluation per target, each exactly as evaluateDay would give it: a backtest that
 * replays a range must see the same alerts as the daily runs did. Every day's baseline
 * reads the raw values, never earlier evaluations, so an anomaly is not "learned away".
 */
export function evaluateRange(values: DailyValues, targets: readonly IsoDate[], settings: DetectorSettings): Evaluation[] {
  assertValidDetectorSettings(settings);
  return targets.map((target) => evaluateDay(values, target, settings));
}

function suppressionOf(
  unusual: boolean,
  direction: Direction,
  target: IsoDate,
  pctChange: number | null,
  settings: DetectorSettings,
): Suppression | null {
  if (!unusual) return 'below_threshold';
  if (settings.direction !== 'both' && settings.direction !== direction) return 'direction';
  // Enterprise weekends have ~18 % of weekday users (DOMAINS.md): a handful of people, so
  // the day is still scored (visible in reports) but never alerts.
  if (settings.weekdaysOnly && isWeekend(target)) return 'weekend';
  if (!passesMinChange(pctChange, direction, settings.minChange)) return 'min_change';
  return null;
}
