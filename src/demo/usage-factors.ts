import type { DemoCalendar } from './calendar.js';
import { Rng } from './rng.js';

/** Behaviour groups that share a weekly rhythm and a day-level wobble. */
export const GROUP_FREE = 0;
export const GROUP_PAID = 1;
export const GROUP_POWER = 2;
export const GROUP_CONTRACT = 3;
export const GROUP_PILOT = 4;
export const GROUP_EXCLUDED_ORG = 5;
export const GROUP_COUNT = 6;

/**
 * Activity by ISO weekday (index 1 = Monday … 7 = Sunday). Consumers dip ~15 % at the
 * weekend; enterprise users work weekdays (weekend DAU ≈ 18 % of weekday, DOMAINS.md).
 */
const WEEKLY: readonly (readonly number[])[] = [
  [0, 1.0, 1.02, 1.02, 1.0, 0.95, 0.82, 0.86],
  [0, 1.0, 1.03, 1.03, 1.01, 0.96, 0.8, 0.83],
  [0, 1.0, 1.0, 1.0, 1.0, 0.97, 0.88, 0.9],
  [0, 0.97, 1.0, 1.0, 0.99, 0.9, 0.19, 0.16],
  [0, 0.97, 1.0, 1.0, 0.99, 0.9, 0.19, 0.16],
  [0, 0.97, 1.0, 1.0, 0.99, 0.9, 0.19, 0.16],
];

/** Slow growth: +0.05 % a day, about 2 % a quarter-year baseline lag at most. */
const DAILY_GROWTH = 0.0005;

/** Day-level log-sigma of tokens per group: power users' pipelines are steadier than people. */
const TOKEN_WOBBLE: readonly number[] = [0.03, 0.03, 0.02, 0.03, 0.03, 0.03];

/** Per-image and per-video multipliers by tier code (free, lite, standard, pro, enterprise). */
export const TIER_IMAGE_FACTOR: readonly number[] = [1, 0.75, 1, 1.4, 1];
export const TIER_VIDEO_FACTOR: readonly number[] = [1, 0.7, 1, 1.5, 1];

/**
 * Day × group multipliers. Beyond the binomial noise of who shows up, real series
 * wobble a few percent a day (news, releases, weather); these factors supply that so a
 * clean day's z-scores look like production data, not like a coin-flip simulation.
 */
export interface UsageDayFactors {
  /** [day * GROUP_COUNT + group] */
  activity: Float64Array;
  tokens: Float64Array;
  images: Float64Array;
  videos: Float64Array;
  /** [day * orgCount + org]: one org's own ups and downs. */
  orgActivity: Float64Array;
}

export function drawUsageDayFactors(seed: number, calendar: DemoCalendar, orgCount: number): UsageDayFactors {
  const rng = new Rng(seed, 'usage-day-factors');
  const size = calendar.days * GROUP_COUNT;
  const factors: UsageDayFactors = {
    activity: new Float64Array(size),
    tokens: new Float64Array(size),
    images: new Float64Array(size),
    videos: new Float64Array(size),
    orgActivity: new Float64Array(calendar.days * orgCount),
  };
  for (let day = 0; day < calendar.days; day++) {
    const weekday = calendar.weekday(day);
    const trend = Math.exp(DAILY_GROWTH * (day - calendar.lastIndex));
    const everyone = rng.wobble(0.01);
    for (let group = 0; group < GROUP_COUNT; group++) {
      const slot = day * GROUP_COUNT + group;
      factors.activity[slot] = (WEEKLY[group]?.[weekday] ?? 1) * trend * everyone * rng.wobble(0.02);
      factors.tokens[slot] = rng.wobble(TOKEN_WOBBLE[group] ?? 0.03);
      factors.images[slot] = rng.wobble(0.03);
      factors.videos[slot] = rng.wobble(0.05);
    }
    for (let org = 0; org < orgCount; org++) factors.orgActivity[day * orgCount + org] = rng.wobble(0.05);
  }
  return factors;
}
