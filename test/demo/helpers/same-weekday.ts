import { addDays, type IsoDate } from '../../../src/dates/iso-date.js';
import type { Series } from './metric-series.js';

export interface Score {
  value: number;
  mean: number;
  sd: number;
  z: number;
  /** (value − μ) / μ */
  change: number;
  baseline: number[];
}

/**
 * The spec's detector in its simplest form: the same weekday of the previous `weeks`
 * weeks, sample standard deviation, no σ floor (the strictest reading for the data).
 */
export function sameWeekdayScore(series: Series, date: IsoDate, weeks = 10): Score | undefined {
  const value = series.get(date);
  const baseline: number[] = [];
  for (let week = 1; week <= weeks; week++) {
    const past = series.get(addDays(date, -7 * week));
    if (past !== undefined) baseline.push(past);
  }
  if (value === undefined || baseline.length < 4) return undefined;
  const mean = baseline.reduce((sum, v) => sum + v, 0) / baseline.length;
  const variance = baseline.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (baseline.length - 1);
  const sd = Math.sqrt(variance);
  return { value, mean, sd, z: sd > 0 ? (value - mean) / sd : Number.POSITIVE_INFINITY, change: mean !== 0 ? (value - mean) / mean : 0, baseline };
}

export const SEVERITY_Z = { NOTICE: 2, WARNING: 3, CRITICAL: 4.5 } as const;

/** Drop gates of DOMAINS.md §1 (relative change a drop must reach). */
export const USAGE_DROP_GATES: Record<string, Record<string, number>> = {
  enterprise_contract: { dau: 0.5, image_generations: 0.6, tokens: 0.7 },
  enterprise_pilot: { dau: 0.5, image_generations: 0.6, tokens: 0.7 },
  heavy: { dau: 0.25, image_generations: 0.3, tokens: 0.25 },
  paying: { dau: 0.2, image_generations: 0.25, tokens: 0.2 },
  free: { dau: 0.25, image_generations: 0.35, tokens: 0.2 },
};
