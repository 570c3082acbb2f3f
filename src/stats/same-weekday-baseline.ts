import { mean as sampleMean, sampleStandardDeviation } from 'simple-statistics';
import { addDays, type IsoDate } from '../dates/iso-date.js';
import { assertUsableValue } from './metric-value.js';
import { assertValidSigmaFloor, flooredSigma } from './sigma-floor.js';
import type { Baseline, DailyValues, SigmaFloor } from './types.js';

/**
 * Baseline of the previous `weeks` same-weekday dates (target − 7, − 14, …, − 7·weeks).
 *
 * Why the same weekday: business metrics have a strong weekly cycle (enterprise weekend
 * DAU is ~18 % of weekday; NYC taxi Saturdays carry about a third more passengers than Mondays). Comparing a Monday
 * with the last seven days would flag every Monday; comparing it with past Mondays removes
 * the cycle without having to model it.
 *
 * Why skip missing dates instead of counting them as 0: an absent date means no data (a
 * late pipeline, a series that starts later), not "nothing happened"; a 0 would drag μ
 * down and inflate σ, hiding real drops. Missing dates are reported so the caller can
 * say how thin the baseline is, and the minPoints guard decides whether to score.
 */
export function sameWeekdayBaseline(
  values: DailyValues,
  target: IsoDate,
  weeks: number,
  sigmaFloor: SigmaFloor,
): Baseline {
  if (!Number.isInteger(weeks) || weeks < 1) {
    throw new RangeError(`baseline weeks must be an integer ≥ 1, got ${weeks}`);
  }
  assertValidSigmaFloor(sigmaFloor);

  const dates: IsoDate[] = [];
  const used: number[] = [];
  const missingDates: IsoDate[] = [];
  for (let weeksBack = weeks; weeksBack >= 1; weeksBack--) {
    const date = addDays(target, -7 * weeksBack);
    const value = values.get(date);
    if (value === undefined) {
      missingDates.push(date);
      continue;
    }
    assertUsableValue(value, date);
    dates.push(date);
    used.push(value);
  }

  // With no values μ and σ are reported as 0 rather than NaN: such a baseline is always
  // below minPoints (≥ 2), so it is never scored, but it must still be printable.
  // A constant baseline gets μ = its value and σ = 0 exactly: the summed mean can be an
  // ulp off, and a flat series repeating its value must score z = 0, not a rounding residue.
  const first = used[0];
  const constant = used.every((v) => v === first);
  const mean = first === undefined ? 0 : constant ? first : sampleMean(used);
  // Sample σ (n − 1): the baseline is a sample of the metric's normal behaviour, and with
  // 4–10 points the population formula would understate σ by 5–13 % and over-alert.
  const sd = used.length < 2 || constant ? 0 : sampleStandardDeviation(used);
  const sdUsed = flooredSigma(sd, mean, sigmaFloor);
  return { dates, values: used, missingDates, excluded: [], mean, sd, sdUsed, sdFloored: sdUsed > sd };
}
