import { TIER_ENTERPRISE, TIER_FREE, TIER_LITE, TIER_PRO, TIER_STANDARD } from './catalog.js';
import type { DemoOrg } from './orgs.js';
import { Rng } from './rng.js';

/** Users at scale 1; `scale` multiplies every group (org members through org seats). */
export const DEMO_USER_COUNT = 30_000;
/** Self-serve power users; with the heavy users inside orgs they make the Heavy segment. */
const POWER_USER_COUNT = 330;

/** What drives a user's behaviour; the tier they are on is decided by the revenue simulation. */
export const KIND_CONSUMER = 0;
export const KIND_POWER = 1;
export const KIND_ORG_MEMBER = 2;

/**
 * The user population, column-oriented (index = user). Consumers carry two behaviour
 * profiles, free and paid, and use whichever matches their tier that day: a user who
 * subscribes starts behaving like a subscriber, which keeps the segments stationary
 * while people move between them.
 */
export interface Population {
  count: number;
  /** Public number behind user_id ('u' + 6 digits), a permutation so ids say nothing. */
  publicNumber: Int32Array;
  kind: Uint8Array;
  /** Index into the org roster, −1 for users outside any org. */
  orgIndex: Int16Array;
  internal: Uint8Array;
  initialTier: Uint8Array;
  activity: [free: Float32Array, paid: Float32Array];
  tokenMedian: [free: Float32Array, paid: Float32Array];
  imageRate: [free: Float32Array, paid: Float32Array];
  videoRate: [free: Float32Array, paid: Float32Array];
  /** Day-to-day log-sigma of a user's tokens; power users are steadier. */
  tokenSigma: Float32Array;
}

interface Profile {
  activity: number;
  tokenMedian: number;
  imageRate: number;
  videoRate: number;
}

function freeProfile(rng: Rng): Profile {
  // Most free users drop by now and then; a third are regulars.
  const activity = rng.chance(0.7) ? rng.uniform(0.02, 0.1) : rng.uniform(0.15, 0.55);
  return { activity, tokenMedian: rng.logNormal(6_000, 0.9), imageRate: rng.logNormal(2, 0.7), videoRate: rng.logNormal(0.04, 0.8) };
}

function paidProfile(rng: Rng): Profile {
  const activity = rng.chance(0.35) ? rng.uniform(0.05, 0.2) : rng.uniform(0.2, 0.6);
  return { activity, tokenMedian: rng.logNormal(15_000, 0.8), imageRate: rng.logNormal(4.5, 0.7), videoRate: rng.logNormal(0.25, 0.8) };
}

function powerProfile(rng: Rng): Profile {
  return { activity: rng.uniform(0.7, 0.95), tokenMedian: rng.logNormal(360_000, 0.25), imageRate: rng.logNormal(10, 0.5), videoRate: rng.logNormal(0.8, 0.6) };
}

function orgProfile(rng: Rng, org: DemoOrg): Profile {
  const activity = org.excluded ? rng.uniform(0.2, 0.6) : org.type === 'contract' ? rng.uniform(0.35, 0.85) : rng.uniform(0.2, 0.7);
  return { activity, tokenMedian: rng.logNormal(18_000, 0.8), imageRate: rng.logNormal(3, 0.7), videoRate: rng.logNormal(0.4, 0.8) };
}

function initialConsumerTier(rng: Rng): number {
  if (!rng.chance(0.275)) return TIER_FREE;
  const u = rng.float();
  return u < 0.45 ? TIER_LITE : u < 0.8 ? TIER_STANDARD : TIER_PRO;
}

function initialPowerTier(rng: Rng): number {
  const u = rng.float();
  return u < 0.08 ? TIER_FREE : u < 0.17 ? TIER_LITE : u < 0.45 ? TIER_STANDARD : TIER_PRO;
}

/**
 * `orgs` carry their seats at the chosen scale (see scaleOrgs), so org membership grows
 * with `scale` like the self-serve groups do; at scale 1 this draws exactly what it always did.
 */
export function generatePopulation(seed: number, orgs: readonly DemoOrg[], scale = 1): Population {
  const rng = new Rng(seed, 'population');
  const count = DEMO_USER_COUNT * scale;
  const profiles = () => [new Float32Array(count), new Float32Array(count)] as [Float32Array, Float32Array];
  const population: Population = {
    count,
    publicNumber: new Int32Array(count),
    kind: new Uint8Array(count),
    orgIndex: new Int16Array(count).fill(-1),
    internal: new Uint8Array(count),
    initialTier: new Uint8Array(count),
    activity: profiles(),
    tokenMedian: profiles(),
    imageRate: profiles(),
    videoRate: profiles(),
    tokenSigma: new Float32Array(count).fill(0.8),
  };
  const setProfile = (user: number, mode: 0 | 1, profile: Profile): void => {
    population.activity[mode][user] = profile.activity;
    population.tokenMedian[mode][user] = profile.tokenMedian;
    population.imageRate[mode][user] = profile.imageRate;
    population.videoRate[mode][user] = profile.videoRate;
  };

  let user = 0;
  for (const org of orgs) {
    const members = Math.round(org.seats * rng.uniform(0.72, 0.95));
    for (let m = 0; m < members; m++, user++) {
      const profile = orgProfile(rng, org);
      // A few enterprise users are token-heavy too (they stay in their Enterprise segment).
      if (!org.excluded && rng.chance(0.015)) {
        profile.tokenMedian = powerProfile(rng).tokenMedian;
        population.tokenSigma[user] = 0.4;
      }
      setProfile(user, 0, profile);
      setProfile(user, 1, profile);
      population.kind[user] = KIND_ORG_MEMBER;
      population.orgIndex[user] = org.index;
      population.internal[user] = org.internal ? 1 : 0;
      population.initialTier[user] = TIER_ENTERPRISE;
    }
  }
  for (let p = 0; p < POWER_USER_COUNT * scale; p++, user++) {
    const profile = powerProfile(rng);
    setProfile(user, 0, profile);
    setProfile(user, 1, profile);
    population.kind[user] = KIND_POWER;
    population.tokenSigma[user] = 0.4;
    population.initialTier[user] = initialPowerTier(rng);
  }
  for (; user < count; user++) {
    setProfile(user, 0, freeProfile(rng));
    setProfile(user, 1, paidProfile(rng));
    population.kind[user] = KIND_CONSUMER;
    population.initialTier[user] = initialConsumerTier(rng);
  }
  for (let u = 0; u < count; u++) {
    if (population.kind[u] !== KIND_ORG_MEMBER && rng.chance(0.006)) population.internal[u] = 1;
  }
  const numbers = rng.shuffle(Array.from({ length: count }, (_, i) => 100_001 + i));
  population.publicNumber.set(numbers);
  return population;
}
