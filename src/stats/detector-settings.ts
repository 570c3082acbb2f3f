import { assertValidMinChangeGate } from './min-change-gate.js';
import { DEFAULT_THRESHOLDS, assertValidThresholds } from './severity.js';
import { DEFAULT_SIGMA_FLOOR, assertValidSigmaFloor } from './sigma-floor.js';
import type { DetectorSettings } from './types.js';

/**
 * The spec's defaults (DOMAINS.md, "Shared method"); each choice is argued where it lives
 * and measured in docs/detection-method.md.
 *
 * - weeks 10: a 70-day lookback. With 2 weeks σ comes from two values and is so unstable
 *   that ordinary days alert: on NYC taxi, 37 unexplained false alerts with 2 weeks,
 *   18 with 4, 8 with 10 (the fewest of 2–12), all three findable events kept.
 * - minPoints 4: σ from 2–3 values is too unreliable to alert on (a sample σ from 3 normal
 *   values is under half the true σ 22 % of the time; from 4 values, 14 %). On NYC taxi,
 *   minPoints 2 or 3 adds 2 false alerts in the 14 extra days it scores; 6 removes none.
 * - direction both, no gate, every day: the conservative default; domains narrow it.
 */
export const DEFAULT_DETECTOR: DetectorSettings = {
  weeks: 10,
  minPoints: 4,
  thresholds: DEFAULT_THRESHOLDS,
  direction: 'both',
  minChange: {},
  sigmaFloor: DEFAULT_SIGMA_FLOOR,
  weekdaysOnly: false,
};

/** Settings come from user config: reject the ones that would silently never alert or divide by zero. */
export function assertValidDetectorSettings(settings: DetectorSettings): void {
  const { weeks, minPoints } = settings;
  if (!Number.isInteger(weeks) || weeks < 1) {
    throw new RangeError(`baseline weeks must be an integer ≥ 1, got ${weeks}`);
  }
  if (!Number.isInteger(minPoints) || minPoints < 2) {
    throw new RangeError(`baseline minPoints must be an integer ≥ 2 (a σ needs two values), got ${minPoints}`);
  }
  if (minPoints > weeks) {
    throw new RangeError(
      `baseline minPoints (${minPoints}) exceeds weeks (${weeks}): no date could ever be scored; ` +
        'raise weeks or lower minPoints',
    );
  }
  assertValidThresholds(settings.thresholds);
  assertValidSigmaFloor(settings.sigmaFloor);
  assertValidMinChangeGate(settings.minChange);
  if (settings.dropToZero !== undefined && !(settings.dropToZero.minBaselineMean >= 0)) {
    throw new RangeError(`dropToZero.minBaselineMean must be ≥ 0, got ${settings.dropToZero.minBaselineMean}`);
  }
  if (!['both', 'up', 'down'].includes(settings.direction)) {
    throw new RangeError(`direction must be both, up or down, got ${String(settings.direction)}`);
  }
}
