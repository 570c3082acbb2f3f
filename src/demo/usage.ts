import type { AnomalyPlan } from './anomaly-plan.js';
import { MAGNITUDE } from './anomaly-plan.js';
import type { DemoCalendar } from './calendar.js';
import { TIER_FREE, isPaidTier } from './catalog.js';
import { flagColumn, intColumn } from './columns.js';
import { DEMO_HEAVY_MIN_TOKENS_28D, DEMO_HEAVY_WINDOW_DAYS } from './constants.js';
import type { DemoOrg } from './orgs.js';
import { KIND_ORG_MEMBER, KIND_POWER, type Population } from './population.js';
import { Rng } from './rng.js';
import type { SubscriptionHistory } from './subscriptions.js';
import { applyUsageAnomalies } from './usage-anomalies.js';
import { SEGMENT_CONTRACT, SEGMENT_FREE, SEGMENT_HEAVY, SEGMENT_PAYING, SEGMENT_PILOT } from './usage-segments.js';
import {
  GROUP_CONTRACT, GROUP_COUNT, GROUP_EXCLUDED_ORG, GROUP_FREE, GROUP_PAID, GROUP_PILOT, GROUP_POWER,
  TIER_IMAGE_FACTOR, TIER_VIDEO_FACTOR, drawUsageDayFactors,
} from './usage-factors.js';

/** A day's activity never reaches certainty: even the keenest user skips some days. */
const MAX_DAILY_ACTIVITY = 0.97;

export type UsageRows = ReturnType<typeof usageColumns>;

const usageColumns = (capacity: number) => ({
  day: intColumn(capacity), user: intColumn(capacity), tier: intColumn(capacity), org: intColumn(capacity),
  tokens: intColumn(capacity), images: intColumn(capacity), videos: intColumn(capacity), internal: flagColumn(capacity),
});

/** One day's rows plus the segment each row's user is in that day (the detector's rule). */
export interface UsageDay {
  day: number;
  rows: UsageRows;
  firstRow: number;
  segments: Uint8Array;
  /** Called when an anomaly changes a row's tokens, to keep the 28-day sums true. */
  adjustTokens(row: number, newTokens: number): void;
}

/**
 * usage_daily: one row per user per active day. Users show up with their own
 * propensity × weekday rhythm × trend × day wobble; tokens are log-normal per user
 * and per day (heavy-tailed), images and videos Poisson around a per-user rate.
 * Segments are tracked here exactly as the detector defines them, so that anomalies can
 * be scaled against the segment's real value of the day.
 */
export function simulateUsage(
  seed: number,
  calendar: DemoCalendar,
  orgs: readonly DemoOrg[],
  population: Population,
  subscriptions: SubscriptionHistory,
  plan: AnomalyPlan,
): UsageRows {
  const rng = new Rng(seed, 'usage');
  const factors = drawUsageDayFactors(seed, calendar, orgs.length);
  const { count } = population;
  const rows = usageColumns(calendar.days * 7_000);
  const tier = Uint8Array.from(population.initialTier);
  const orgGroup = orgs.map((org) => (org.excluded ? GROUP_EXCLUDED_ORG : org.type === 'contract' ? GROUP_CONTRACT : GROUP_PILOT));
  const window = DEMO_HEAVY_WINDOW_DAYS;
  const ring = new Float64Array(count * window);
  const tokens28 = new Float64Array(count);
  const todayTokens = new Float64Array(count);
  const othersFactor = contractOthersFactor(population, orgs, plan);
  const { tierChanges } = subscriptions;
  let nextChange = 0;

  for (let day = 0; day < calendar.days; day++) {
    while (nextChange < tierChanges.day.length && tierChanges.day[nextChange] === day) {
      tier[tierChanges.user[nextChange] ?? 0] = tierChanges.tier[nextChange] ?? TIER_FREE;
      nextChange++;
    }
    const orgActivity = orgs.map((org) => (factors.orgActivity[day * orgs.length + org.index] ?? 1) * orgAnomalyFactor(org, day, plan, othersFactor));
    const freeLoginOutage = day === plan.days.freeDauDrop ? MAGNITUDE.freeDau : 1;
    const firstRow = rows.day.length;
    const factorBase = day * GROUP_COUNT;

    for (let user = 0; user < count; user++) {
      const tierCode = tier[user] ?? TIER_FREE;
      const kind = population.kind[user];
      const org = population.orgIndex[user] ?? -1;
      const mode = kind === KIND_ORG_MEMBER || kind === KIND_POWER || !isPaidTier(tierCode) ? 0 : 1;
      const group =
        org >= 0 ? (orgGroup[org] ?? GROUP_CONTRACT) : kind === KIND_POWER ? GROUP_POWER : mode === 1 ? GROUP_PAID : GROUP_FREE;
      let probability = (population.activity[mode][user] ?? 0) * (factors.activity[factorBase + group] ?? 1);
      if (org >= 0) probability *= orgActivity[org] ?? 1;
      if (tierCode === TIER_FREE) probability *= freeLoginOutage;
      if (!(rng.float() < Math.min(MAX_DAILY_ACTIVITY, probability))) continue;

      const sigma = population.tokenSigma[user] ?? 0.8;
      const tokens = Math.max(1, Math.round((population.tokenMedian[mode][user] ?? 0) * Math.exp(sigma * rng.normal()) * (factors.tokens[factorBase + group] ?? 1)));
      const imageMean = (population.imageRate[mode][user] ?? 0) * (TIER_IMAGE_FACTOR[tierCode] ?? 1) * (factors.images[factorBase + group] ?? 1);
      const videoMean = (population.videoRate[mode][user] ?? 0) * (TIER_VIDEO_FACTOR[tierCode] ?? 1) * (factors.videos[factorBase + group] ?? 1);
      rows.day.push(day);
      rows.user.push(user);
      rows.tier.push(tierCode);
      rows.org.push(org);
      rows.tokens.push(tokens);
      rows.images.push(rng.poisson(imageMean));
      rows.videos.push(rng.poisson(videoMean));
      rows.internal.push(population.internal[user] ?? 0);
      todayTokens[user] = tokens;
    }

    // Roll every user's 28-day token window forward (inactive users add 0).
    const slot = day % window;
    for (let user = 0; user < count; user++) {
      const cell = user * window + slot;
      tokens28[user] = (tokens28[user] ?? 0) + (todayTokens[user] ?? 0) - (ring[cell] ?? 0);
      ring[cell] = todayTokens[user] ?? 0;
      todayTokens[user] = 0;
    }

    const segments = new Uint8Array(rows.day.length - firstRow);
    for (let row = firstRow; row < rows.day.length; row++) {
      const user = rows.user.get(row);
      const org = orgs[rows.org.get(row)];
      segments[row - firstRow] =
        org !== undefined && !org.excluded
          ? org.type === 'contract' ? SEGMENT_CONTRACT : SEGMENT_PILOT
          : (tokens28[user] ?? 0) >= DEMO_HEAVY_MIN_TOKENS_28D
            ? SEGMENT_HEAVY
            : isPaidTier(rows.tier.get(row)) ? SEGMENT_PAYING : SEGMENT_FREE;
    }
    applyUsageAnomalies({
      day, rows, firstRow, segments,
      adjustTokens(row, newTokens) {
        const user = rows.user.get(row);
        const delta = newTokens - rows.tokens.get(row);
        rows.tokens.set(row, newTokens);
        ring[user * window + slot] = (ring[user * window + slot] ?? 0) + delta;
        tokens28[user] = (tokens28[user] ?? 0) + delta;
      },
    }, plan);
  }
  return rows;
}

function orgAnomalyFactor(org: DemoOrg, day: number, plan: AnomalyPlan, othersFactor: number): number {
  if (plan.days.churnDays.includes(day) && org.index === plan.churnOrg.index) return 0;
  if (day !== plan.days.contractDauDrop || org.excluded || org.type !== 'contract') return 1;
  return org.index === plan.largestContract.index ? 0 : othersFactor;
}

/**
 * How far the other contract orgs must dip, with the largest org silent, for contract
 * DAU to land at MAGNITUDE.contractDau of normal; weighted by members' propensity.
 */
function contractOthersFactor(population: Population, orgs: readonly DemoOrg[], plan: AnomalyPlan): number {
  let largest = 0;
  let all = 0;
  for (let user = 0; user < population.count; user++) {
    const org = orgs[population.orgIndex[user] ?? -1];
    if (org === undefined || org.excluded || org.type !== 'contract') continue;
    const propensity = population.activity[0][user] ?? 0;
    all += propensity;
    if (org.index === plan.largestContract.index) largest += propensity;
  }
  return all > largest ? MAGNITUDE.contractDau * all / (all - largest) : 1;
}
