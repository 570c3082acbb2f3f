import type { AnomalyPlan } from './anomaly-plan.js';
import { MAGNITUDE } from './anomaly-plan.js';
import type { DemoCalendar } from './calendar.js';
import { TIER_FREE, isPaidTier } from './catalog.js';
import { BATCH_ROWS, fullBatches, type RowBuffer } from './columns.js';
import { DEMO_HEAVY_MIN_TOKENS_28D, DEMO_HEAVY_WINDOW_DAYS } from './constants.js';
import type { DemoOrg } from './orgs.js';
import { KIND_ORG_MEMBER, KIND_POWER, type Population } from './population.js';
import { Rng } from './rng.js';
import type { SubscriptionHistory } from './subscriptions.js';
import { applyUsageAnomalies } from './usage-anomalies.js';
import { SEGMENT_CONTRACT, SEGMENT_FREE, SEGMENT_HEAVY, SEGMENT_PAYING, SEGMENT_PILOT } from './usage-segments.js';
import {
  GROUP_CONTRACT, GROUP_COUNT, GROUP_EXCLUDED_ORG, GROUP_FREE, GROUP_PAID, GROUP_PILOT, GROUP_POWER,
  TIER_IMAGE_FACTOR, TIER_VIDEO_FACTOR, drawUsageDayFactors, type UsageDayFactors,
} from './usage-factors.js';

/** A day's activity never reaches certainty: even the keenest user skips some days. */
const MAX_DAILY_ACTIVITY = 0.97;

/**
 * A batch of usage_daily rows, column-oriented: rows 0 … length−1 of each array are
 * filled. `user` is the population index (not yet the public number).
 */
export interface UsageRows extends RowBuffer {
  day: Int32Array;
  user: Int32Array;
  tier: Int32Array;
  org: Int32Array;
  tokens: Int32Array;
  images: Int32Array;
  videos: Int32Array;
  internal: Uint8Array;
}

const usageRows = (capacity: number): UsageRows => ({
  length: 0,
  day: new Int32Array(capacity), user: new Int32Array(capacity), tier: new Int32Array(capacity), org: new Int32Array(capacity),
  tokens: new Int32Array(capacity), images: new Int32Array(capacity), videos: new Int32Array(capacity), internal: new Uint8Array(capacity),
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
 *
 * Yields the rows in order, in batches of BATCH_ROWS (the last one shorter), reusing one
 * buffer: use (or copy) each batch before asking for the next. Memory stays flat however
 * many users the population has.
 */
export function* simulateUsage(
  seed: number,
  calendar: DemoCalendar,
  orgs: readonly DemoOrg[],
  population: Population,
  subscriptions: SubscriptionHistory,
  plan: AnomalyPlan,
  batchRows = BATCH_ROWS,
): Generator<UsageRows, void, undefined> {
  const rng = new Rng(seed, 'usage');
  const factors = drawUsageDayFactors(seed, calendar, orgs.length);
  const { count } = population;
  const rows = usageRows(batchRows + count);
  const tier = Uint8Array.from(population.initialTier);
  const orgGroup = orgs.map((org) => (org.excluded ? GROUP_EXCLUDED_ORG : org.type === 'contract' ? GROUP_CONTRACT : GROUP_PILOT));
  /** Segment of an org's members, −1 for the excluded orgs (their members fall through to the token and tier rules). */
  const orgSegment = Int8Array.from(orgs, (org) => (org.excluded ? -1 : org.type === 'contract' ? SEGMENT_CONTRACT : SEGMENT_PILOT));
  const window = DEMO_HEAVY_WINDOW_DAYS;
  // Token counts are whole numbers well inside 32 bits, so their sums are exact in doubles.
  const ring = new Int32Array(count * window);
  const tokens28 = new Float64Array(count);
  const todayTokens = new Int32Array(count);
  const othersFactor = contractOthersFactor(population, orgs, plan);
  const { tierChanges } = subscriptions;
  let nextChange = 0;

  const columns = [rows.day, rows.user, rows.tier, rows.org, rows.tokens, rows.images, rows.videos, rows.internal];

  for (let day = 0; day < calendar.days; day++) {
    while (nextChange < tierChanges.day.length && tierChanges.day[nextChange] === day) {
      tier[tierChanges.user[nextChange] ?? 0] = tierChanges.tier[nextChange] ?? TIER_FREE;
      nextChange++;
    }
    const orgActivity = Float64Array.from(orgs, (org) => (factors.orgActivity[day * orgs.length + org.index] ?? 1) * orgAnomalyFactor(org, day, plan, othersFactor));
    const freeLoginOutage = day === plan.days.freeDauDrop ? MAGNITUDE.freeDau : 1;
    const firstRow = rows.length;
    rows.length = simulateDay(rng, day, population, tier, orgGroup, orgActivity, freeLoginOutage, factors, rows, todayTokens);

    const slot = day % window;
    rollTokenWindows(ring, tokens28, todayTokens, slot, window);
    const segments = daySegments(rows, firstRow, orgSegment, tokens28);
    applyUsageAnomalies({
      day, rows, firstRow, segments,
      adjustTokens(row, newTokens) {
        const user = rows.user[row] ?? 0;
        const delta = newTokens - (rows.tokens[row] ?? 0);
        rows.tokens[row] = newTokens;
        ring[user * window + slot] = (ring[user * window + slot] ?? 0) + delta;
        tokens28[user] = (tokens28[user] ?? 0) + delta;
      },
    }, plan);
    // The day's rows are final now: hand on every full batch.
    yield* fullBatches(rows, columns, batchRows);
  }
  if (rows.length > 0) yield rows;
}

/**
 * Rolls every user's 28-day token window forward by one day (inactive users add 0) and
 * clears today's tokens. Hot loops live in plain functions, not in the generator above:
 * V8 does not optimise a generator's loops while it runs (no on-stack replacement), so
 * there they ran unoptimised, boxing every number (~180 MB of garbage per run).
 */
function rollTokenWindows(ring: Int32Array, tokens28: Float64Array, todayTokens: Int32Array, slot: number, window: number): void {
  for (let user = 0; user < todayTokens.length; user++) {
    const cell = user * window + slot;
    const today = todayTokens[user] ?? 0;
    tokens28[user] = (tokens28[user] ?? 0) + today - (ring[cell] ?? 0);
    ring[cell] = today;
    todayTokens[user] = 0;
  }
}

/** The segment of each of the day's rows, exactly as the detector assigns it. */
function daySegments(rows: UsageRows, firstRow: number, orgSegment: Int8Array, tokens28: Float64Array): Uint8Array {
  const segments = new Uint8Array(rows.length - firstRow);
  for (let row = firstRow; row < rows.length; row++) {
    const user = rows.user[row] ?? 0;
    const org = rows.org[row] ?? -1;
    const memberSegment = org >= 0 ? (orgSegment[org] ?? -1) : -1;
    segments[row - firstRow] =
      memberSegment >= 0
        ? memberSegment
        : (tokens28[user] ?? 0) >= DEMO_HEAVY_MIN_TOKENS_28D
          ? SEGMENT_HEAVY
          : isPaidTier(rows.tier[row] ?? TIER_FREE) ? SEGMENT_PAYING : SEGMENT_FREE;
  }
  return segments;
}

/**
 * One day's draws for every user, appended to `rows` from rows.length on; returns the
 * new length. Kept apart from the bookkeeping above so that V8 inlines the random draws
 * into this loop (4.5 million iterations at scale 1).
 */
function simulateDay(
  rng: Rng,
  day: number,
  population: Population,
  tier: Uint8Array,
  orgGroup: readonly number[],
  orgActivity: Float64Array,
  freeLoginOutage: number,
  factors: UsageDayFactors,
  rows: UsageRows,
  todayTokens: Int32Array,
): number {
  const { count, kind, orgIndex, internal, tokenSigma } = population;
  const [freeActivity, paidActivity] = population.activity;
  const [freeTokenMedian, paidTokenMedian] = population.tokenMedian;
  const [freeImageRate, paidImageRate] = population.imageRate;
  const [freeVideoRate, paidVideoRate] = population.videoRate;
  const factorBase = day * GROUP_COUNT;
  const { day: dayColumn, user: userColumn, tier: tierColumn, org: orgColumn, tokens: tokenColumn, images, videos, internal: internalColumn } = rows;
  let length = rows.length;

  for (let user = 0; user < count; user++) {
    const tierCode = tier[user] ?? TIER_FREE;
    const userKind = kind[user];
    const org = orgIndex[user] ?? -1;
    const mode = userKind === KIND_ORG_MEMBER || userKind === KIND_POWER || !isPaidTier(tierCode) ? 0 : 1;
    const group =
      org >= 0 ? (orgGroup[org] ?? GROUP_CONTRACT) : userKind === KIND_POWER ? GROUP_POWER : mode === 1 ? GROUP_PAID : GROUP_FREE;
    let probability = ((mode === 0 ? freeActivity[user] : paidActivity[user]) ?? 0) * (factors.activity[factorBase + group] ?? 1);
    if (org >= 0) probability *= orgActivity[org] ?? 1;
    if (tierCode === TIER_FREE) probability *= freeLoginOutage;
    if (!(rng.float() < Math.min(MAX_DAILY_ACTIVITY, probability))) continue;

    const sigma = tokenSigma[user] ?? 0.8;
    const tokenMedian = (mode === 0 ? freeTokenMedian[user] : paidTokenMedian[user]) ?? 0;
    const tokens = Math.max(1, Math.round(tokenMedian * Math.exp(sigma * rng.normal()) * (factors.tokens[factorBase + group] ?? 1)));
    const imageRate = (mode === 0 ? freeImageRate[user] : paidImageRate[user]) ?? 0;
    const videoRate = (mode === 0 ? freeVideoRate[user] : paidVideoRate[user]) ?? 0;
    const imageMean = imageRate * (TIER_IMAGE_FACTOR[tierCode] ?? 1) * (factors.images[factorBase + group] ?? 1);
    const videoMean = videoRate * (TIER_VIDEO_FACTOR[tierCode] ?? 1) * (factors.videos[factorBase + group] ?? 1);
    dayColumn[length] = day;
    userColumn[length] = user;
    tierColumn[length] = tierCode;
    orgColumn[length] = org;
    tokenColumn[length] = tokens;
    images[length] = rng.poisson(imageMean);
    videos[length] = rng.poisson(videoMean);
    internalColumn[length] = internal[user] ?? 0;
    length++;
    todayTokens[user] = tokens;
  }
  return length;
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
