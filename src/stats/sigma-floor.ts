import type { SigmaFloor } from './types.js';

/**
 * Default σ floor: σ_used = max(sample σ, 2 % of |μ|, 1).
 *
 * - `absolute: 1` — one unit of a count. A count cannot be known more precisely than one
 *   event, so ten identical Mondays must not make "one more user" a huge z. Ratio metrics
 *   (error rate, cost per request) live far below 1 and override this in config with a
 *   value in their own unit.
 * - `relative: 0.02` — chosen among 0 / 0.01 / 0.02 / 0.05 on the NYC taxi benchmark
 *   (bench/nyc-taxi-evaluation.ts, docs/detection-method.md). A floor should bind only
 *   where the sample σ is untrustworthy. With the 10-week default, 0.02 binds on 3 of 187
 *   scored days, removes the one false alert a thin 4-value baseline caused (2014-07-29),
 *   and changes nothing else: all 3 findable events, same z on Thanksgiving, Christmas
 *   and the blizzard (0 and 0.01 never bind). On short baselines it does real work
 *   (4 weeks: 29 → 18 unexplained false alerts). 0.05 is no longer a floor: it replaces the
 *   sample σ on 45 % of days, caps every z at |change| / 5 % (Thanksgiving −10.4 → −6.4),
 *   and flags exactly the same days as an explicit 10 % min-change gate — and a smooth
 *   metric such as MRR could drop 9 % in a day without a NOTICE. Gating belongs in the
 *   per-metric minChange config, where it is visible, not hidden in σ.
 */
export const DEFAULT_SIGMA_FLOOR: SigmaFloor = { relative: 0.02, absolute: 1 };

/**
 * σ used for z. A baseline that happened to be flat (σ ≈ 0: a weekly batch job, a fixed
 * seat count) would otherwise turn any wiggle into an enormous or infinite z; the floor
 * caps how sensitive a flat baseline can make the detector.
 */
export function flooredSigma(sd: number, mean: number, floor: SigmaFloor): number {
  if (!(sd >= 0) || !Number.isFinite(sd)) throw new RangeError(`standard deviation must be a finite number ≥ 0, got ${sd}`);
  if (!Number.isFinite(mean)) throw new RangeError(`mean must be finite, got ${mean}`);
  assertValidSigmaFloor(floor);
  return Math.max(sd, floor.relative * Math.abs(mean), floor.absolute);
}

/** `absolute` > 0 is what guarantees σ_used > 0, hence a finite z; `relative` may be 0. */
export function assertValidSigmaFloor(floor: SigmaFloor): void {
  if (!(floor.absolute > 0) || !Number.isFinite(floor.absolute)) {
    throw new RangeError(
      `sigmaFloor.absolute must be a finite number > 0, got ${floor.absolute} ` +
        '(it is what keeps z finite on a flat baseline; use 1 for counts, a small value in the metric unit for ratios)',
    );
  }
  if (!(floor.relative >= 0) || !Number.isFinite(floor.relative)) {
    throw new RangeError(`sigmaFloor.relative must be a finite number ≥ 0, got ${floor.relative}`);
  }
}
