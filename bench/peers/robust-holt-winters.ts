import { dateRange, type IsoDate } from '../../src/dates/iso-date.js';
import type { Peer, PeerDetector, PeerScore } from './types.js';

/**
 * Robust Holt-Winters forecasting, after Gelper, Fried & Croux (2010), "Robust forecasting
 * with exponential and Holt-Winters smoothing", Journal of Forecasting 29(3), 285–300,
 * doi:10.1002/for.1125. Additive level + weekly seasonality (period 7), one-step-ahead:
 *
 *   ŷ_t   = a_{t−1} + s_{t−7}                         forecast from the state before day t
 *   r_t   = y_t − ŷ_t                                  one-step forecast error
 *   z_t   = r_t / σ̂_{t−1}                             what is scored: alert when |z_t| > 3 (or 2)
 *   σ̂²_t  = λ·ρ(r_t / σ̂_{t−1})·σ̂²_{t−1} + (1 − λ)·σ̂²_{t−1}   their τ-like scale recursion,
 *           ρ the biweight ρ with k = 2, scaled by c_k = 2.52 so that E ρ(Z) = 1 for normal Z
 *   y*_t  = ŷ_t + ψ(r_t / σ̂_t)·σ̂_t                   the observation cleaned by Huber's ψ, k = 2
 *   a_t   = α·(y*_t − s_{t−7}) + (1 − α)·a_{t−1}
 *   s_t   = γ·(y*_t − a_t) + (1 − γ)·s_{t−7}
 *
 * So one odd day moves the level by at most α·2σ̂ and the scale by a bounded factor
 * (ρ ≤ c_k): it cannot drag next week's forecast, unlike classical Holt-Winters.
 *
 * Parameters, chosen once, before any benchmark was run, and identical on every dataset
 * (no per-dataset tuning, no fitting of α/γ by forecast error as the paper does: a peer
 * the benchmark tunes on its own labels would measure the tuning):
 *  - α = 0.2: the level follows a change with a half-life of ~3 days, fast enough for slow
 *    trends (with +60 %/year growth it lags by (1 − α)/α = 4 days of growth ≈ 0.5 %);
 *  - β = 0, no trend term: on daily business series the level already tracks slow trends,
 *    and a trend term would extrapolate a level shift or a multi-day surge into the days
 *    after it;
 *  - γ = 0.1 on the weekly profile: each weekday's offset is updated once a week, so it
 *    has a memory of ~10 weeks, like a 10-same-weekday baseline;
 *  - λ = 0.1 for the scale: a small fixed value, so the scale moves slower than the level
 *    (the paper, too, fixes the scale's smoothing constant instead of fitting it);
 *    k = 2 for both Huber's ψ and the biweight ρ, as in the paper.
 * Start-up (not scored): the first 21 days of the series (3 weeks from its first value).
 * Level a₀ = mean over the 7 weekdays of each weekday's median; s₀ = each weekday's median
 * − a₀ (0 for a weekday with no value); σ̂₀ = 1.4826·MAD of the week-over-week differences
 * of the same weekday, / √2 (robust, and unbiased by the median fit that makes one
 * residual per weekday exactly 0). The recursions start on day 22.
 * A day without a value is skipped: the state carries over, the day is not scored. While
 * σ̂ is 0 (a constant series) z is undefined and the day is not scored; the scale then
 * restarts from the first non-zero error as λ·r² (ρ(r/0) is undefined).
 *
 * The filter is causal (z_t reads nothing after day t), so it is run once per series and
 * the z of every date cached by the series' map: the same as running it up to each date.
 */
export const ROBUST_HOLT_WINTERS_PARAMS = {
  alpha: 0.2,
  // β = 0: no trend term (see above), so the state has none.
  gamma: 0.1,
  scaleLambda: 0.1,
  huberK: 2,
  biweightK: 2,
  /** E ρ(Z) = 1 for Z ~ N(0, 1) with the biweight at k = 2 (the paper's 2.52). */
  biweightC: 2.52,
  period: 7,
  startupDays: 21,
} as const;

export type RobustHoltWintersParams = { readonly [K in keyof typeof ROBUST_HOLT_WINTERS_PARAMS]: number };

/** One day of the filter: forecast, scale before the day, z (null when not scored). */
export interface RobustHoltWintersStep {
  readonly forecast: number;
  readonly scale: number;
  readonly z: number | null;
}

const huberPsi = (x: number, k: number): number => Math.max(-k, Math.min(k, x));

/** Biweight ρ, bounded at c. */
function biweightRho(x: number, k: number, c: number): number {
  if (Math.abs(x) > k) return c;
  const u = 1 - (x / k) ** 2;
  return c * (1 - u * u * u);
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs the filter over the whole series (calendar days from its first to its last value).
 * Dates of the start-up and days without a value are absent from the result.
 */
export function robustHoltWinters(values: ReadonlyMap<IsoDate, number>, params: RobustHoltWintersParams = ROBUST_HOLT_WINTERS_PARAMS): Map<IsoDate, RobustHoltWintersStep> {
  const steps = new Map<IsoDate, RobustHoltWintersStep>();
  const keys = [...values.keys()].sort();
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (first === undefined || last === undefined) return steps;
  const days = dateRange(first, last);
  if (days.length <= params.startupDays) return steps;

  // Start-up: per position in the week, the values of the first startupDays days.
  const byPosition: number[][] = Array.from({ length: params.period }, () => []);
  for (let t = 0; t < params.startupDays; t += 1) {
    const v = values.get(days[t] as IsoDate);
    if (v !== undefined) byPosition[t % params.period]?.push(v);
  }
  const medians = byPosition.map((vs) => (vs.length === 0 ? null : median(vs)));
  const present = medians.filter((m): m is number => m !== null);
  if (present.length === 0) return steps;
  let level = present.reduce((sum, m) => sum + m, 0) / present.length;
  const season = medians.map((m) => (m === null ? 0 : m - level));
  const diffs: number[] = [];
  for (let t = params.period; t < params.startupDays; t += 1) {
    const v = values.get(days[t] as IsoDate);
    const before = values.get(days[t - params.period] as IsoDate);
    if (v !== undefined && before !== undefined) diffs.push(v - before);
  }
  let scale = 0;
  if (diffs.length >= 2) {
    const center = median(diffs);
    scale = (1.4826 * median(diffs.map((d) => Math.abs(d - center)))) / Math.SQRT2;
  }

  for (let t = params.startupDays; t < days.length; t += 1) {
    const date = days[t] as IsoDate;
    const position = t % params.period;
    const seasonal = season[position] ?? 0;
    const forecast = level + seasonal;
    const y = values.get(date);
    if (y === undefined) continue; // the state carries over (β = 0: no trend to add)
    const error = y - forecast;
    const before = scale;
    steps.set(date, { forecast, scale: before, z: before > 0 ? error / before : null });
    scale =
      before > 0
        ? Math.sqrt(params.scaleLambda * biweightRho(error / before, params.biweightK, params.biweightC) * before * before + (1 - params.scaleLambda) * before * before)
        : Math.sqrt(params.scaleLambda) * Math.abs(error);
    const cleaned = scale > 0 ? forecast + huberPsi(error / scale, params.huberK) * scale : y;
    const previousLevel = level;
    level = params.alpha * (cleaned - seasonal) + (1 - params.alpha) * previousLevel;
    season[position] = params.gamma * (cleaned - level) + (1 - params.gamma) * seasonal;
  }
  return steps;
}

const cache = new WeakMap<ReadonlyMap<IsoDate, number>, Map<IsoDate, RobustHoltWintersStep>>();

/** The peer's z on a date: computed once per series map (the maps are never mutated in the bench). */
export const robustHoltWintersZ: PeerDetector = (values, date): PeerScore | null => {
  let steps = cache.get(values);
  if (steps === undefined) {
    steps = robustHoltWinters(values);
    cache.set(values, steps);
  }
  const z = steps.get(date)?.z;
  return z === undefined || z === null ? null : { z };
};

export const ROBUST_HOLT_WINTERS_PEER: Peer = {
  name: 'robust Holt-Winters (Gelper et al. 2010), α 0.2 γ 0.1 λ 0.1',
  score: robustHoltWintersZ,
  thresholds: [2, 3],
};
