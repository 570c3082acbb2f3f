import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { DEFAULT_DETECTOR } from '../../src/stats/detector-settings.js';
import type { DetectorSettings } from '../../src/stats/types.js';

/** A Wednesday, far from any edge of the calendar. */
export const WEDNESDAY = '2024-01-10' as IsoDate;
export const SATURDAY = '2024-01-13' as IsoDate;
export const SUNDAY = '2024-01-14' as IsoDate;

/**
 * A series holding `baseline` on the same weekday before `target` (oldest first, so the
 * last entry is target − 7) and `targetValue` on the target; `undefined` leaves a date
 * absent. Every other day is filled with `filler` so that a baseline reading the wrong
 * days would be visibly wrong; `null` leaves them absent (no recent level, no pooled scale).
 */
export function sameWeekdaySeries(
  target: IsoDate,
  baseline: readonly (number | undefined)[],
  targetValue: number | undefined,
  filler: number | null = 1e9,
): Map<IsoDate, number> {
  const series = new Map<IsoDate, number>();
  const start = addDays(target, -7 * baseline.length - 6);
  if (filler !== null) {
    for (let d = start; d <= addDays(target, 6); d = addDays(d, 1)) series.set(d, filler);
  }
  baseline.forEach((value, i) => {
    const date = addDays(target, -7 * (baseline.length - i));
    if (value === undefined) series.delete(date);
    else series.set(date, value);
  });
  if (targetValue === undefined) series.delete(target);
  else series.set(target, targetValue);
  return series;
}

export function settings(overrides: Partial<DetectorSettings> = {}): DetectorSettings {
  return { ...DEFAULT_DETECTOR, ...overrides };
}
