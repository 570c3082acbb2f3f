import type { AnomalyPlan } from './anomaly-plan.js';
import { MAGNITUDE } from './anomaly-plan.js';
import type { DemoCalendar } from './calendar.js';
import {
  EVENT_CANCELLATION, EVENT_DOWNGRADE, EVENT_NEW, EVENT_REFUND, EVENT_RENEWAL, EVENT_UPGRADE,
  TIER_FREE, TIER_PRICE_USD, TIER_STANDARD, isPaidTier,
} from './catalog.js';
import { flagColumn, floatColumn, intColumn } from './columns.js';
import { KIND_ORG_MEMBER, KIND_POWER, type Population } from './population.js';
import { Rng } from './rng.js';

/** Daily probability that a subscription ends, per tier code (≈ 6–9 % a month, consumer-app churn). */
const CANCEL_HAZARD = [0, 0.003, 0.0028, 0.002];
/** Power users churn far less: the product is their tool. */
const POWER_USER_CANCEL_FACTOR = 0.3;
const UPGRADE_HAZARD = [0, 0.00035, 0.00025, 0];
const DOWNGRADE_HAZARD = [0, 0, 0.0002, 0.00025];
/** Sign-ups follow the working week (mean 1). Index 1 = Monday … 7 = Sunday. */
const SIGN_UP_WEEKLY = [0, 1.08, 1.1, 1.08, 1.05, 0.98, 0.85, 0.86];
/**
 * Sign-ups replace what each tier loses and pull it back toward its starting size at
 * this rate a day. A mature, flat subscriber base: a drifting random walk would make
 * every same-weekday baseline of MRR and active subscriptions look anomalous.
 */
const REVERSION_PER_DAY = 0.15;
/** Subscriptions renew every 30 days from sign-up, so renewals spread evenly over the month. */
export const BILLING_CYCLE_DAYS = 30;
const REFUND_PROBABILITY = 0.012;

export type SubscriptionEvents = ReturnType<typeof eventColumns>;
export type SubscriptionPeriods = ReturnType<typeof periodColumns>;

export interface SubscriptionHistory {
  events: SubscriptionEvents;
  /** Inclusive day ranges on one tier; the daily snapshot is these, expanded. */
  periods: SubscriptionPeriods;
  /** Tier a user's usage rows carry from `day` on, in day order (cancel → free). */
  tierChanges: { day: Int32Array; user: Int32Array; tier: Int32Array };
}

const eventColumns = () => ({
  day: intColumn(65_536), user: intColumn(65_536), type: intColumn(65_536),
  tier: intColumn(65_536), amount: floatColumn(65_536), internal: flagColumn(65_536),
});
const periodColumns = () => ({
  user: intColumn(16_384), tier: intColumn(16_384), startDay: intColumn(16_384),
  endDay: intColumn(16_384), internal: flagColumn(16_384),
});

const cents = (usd: number): number => Math.round(usd * 100) / 100;

/**
 * Day-by-day subscription lifecycle of the consumer population: sign-ups from the free
 * pool, renewals every 30 days, upgrades, downgrades, cancellations
 * and refunds. Enterprise-org users are billed by contract and never appear here.
 */
export function simulateSubscriptions(seed: number, calendar: DemoCalendar, population: Population, plan: AnomalyPlan): SubscriptionHistory {
  const rng = new Rng(seed, 'subscriptions');
  const { count } = population;
  const last = calendar.lastIndex;
  const events = eventColumns();
  const periods = periodColumns();
  const changes = { day: intColumn(), user: intColumn(), tier: intColumn() };
  const tier = new Int8Array(count).fill(-1);
  const startedOn = new Int32Array(count);
  const periodStart = new Int32Array(count).fill(-1);
  const freePool = new Int32Array(count);
  let poolSize = 0;
  const refundsDue: number[][] = Array.from({ length: calendar.days }, () => []);

  const emit = (day: number, user: number, type: number, tierCode: number, amount: number): void => {
    events.day.push(day);
    events.user.push(user);
    events.type.push(type);
    events.tier.push(tierCode);
    events.amount.push(amount);
    events.internal.push(population.internal[user] ?? 0);
  };
  const charge = (day: number, user: number, type: number, tierCode: number, amount: number): void => {
    emit(day, user, type, tierCode, amount);
    if (rng.chance(REFUND_PROBABILITY)) {
      const refundDay = day + rng.int(1, 10);
      if (refundDay <= last) refundsDue[refundDay]?.push(user, tierCode, amount);
    }
  };
  const closePeriod = (user: number, endDay: number): void => {
    const start = periodStart[user] ?? -1;
    if (start >= 0 && endDay >= start) {
      periods.user.push(user);
      periods.tier.push(tier[user] ?? 0);
      periods.startDay.push(start);
      periods.endDay.push(endDay);
      periods.internal.push(population.internal[user] ?? 0);
    }
    periodStart[user] = -1;
  };
  const changeTier = (day: number, user: number, tierCode: number): void => {
    changes.day.push(day);
    changes.user.push(user);
    changes.tier.push(tierCode);
  };

  /**
   * One day of every subscriber: cancel, renew, upgrade or downgrade. A function of its
   * own (called once a day) so that V8 inlines the random draws into this loop.
   */
  const renewOrChange = (day: number, forced: Set<number> | undefined, cancelWobble: number): void => {
    for (let user = 0; user < count; user++) {
      const current = tier[user] ?? -1;
      if (current < 0) continue;
      // rng.float() < p is rng.chance(p), written out: this loop runs for every subscriber every day.
      const cancels =
        forced !== undefined && current === TIER_STANDARD && population.internal[user] === 0
          ? forced.has(user)
          : rng.float() < cancelHazard(population, user, current) * cancelWobble;
      if (cancels) {
        emit(day, user, EVENT_CANCELLATION, current, 0);
        closePeriod(user, day - 1);
        tier[user] = -1;
        changeTier(day, user, TIER_FREE);
        freePool[poolSize++] = user;
        continue;
      }
      const cycleDay = (day - (startedOn[user] ?? 0)) % BILLING_CYCLE_DAYS;
      if (cycleDay === 0 && (startedOn[user] ?? 0) < day) charge(day, user, EVENT_RENEWAL, current, TIER_PRICE_USD[current] ?? 0);
      const up = rng.float() < (UPGRADE_HAZARD[current] ?? 0);
      const down = !up && rng.float() < (DOWNGRADE_HAZARD[current] ?? 0);
      if (!up && !down) continue;
      const next = up ? current + 1 : current - 1;
      const proration = (BILLING_CYCLE_DAYS - cycleDay) / BILLING_CYCLE_DAYS;
      const amount = up ? cents(((TIER_PRICE_USD[next] ?? 0) - (TIER_PRICE_USD[current] ?? 0)) * proration) : 0;
      if (up) charge(day, user, EVENT_UPGRADE, next, amount);
      else emit(day, user, EVENT_DOWNGRADE, next, 0);
      closePeriod(user, day - 1);
      tier[user] = next;
      periodStart[user] = day;
      changeTier(day, user, next);
    }
  };

  for (let user = 0; user < count; user++) {
    if (population.kind[user] === KIND_ORG_MEMBER) continue;
    const initial = population.initialTier[user] ?? TIER_FREE;
    if (isPaidTier(initial)) {
      tier[user] = initial;
      startedOn[user] = -rng.int(1, BILLING_CYCLE_DAYS);
      periodStart[user] = 0;
    } else {
      freePool[poolSize++] = user;
    }
  }

  const targets = tierCounts(tier);
  for (let day = 0; day <= last; day++) {
    const due = refundsDue[day] ?? [];
    for (let i = 0; i + 2 < due.length; i += 3) emit(day, due[i] ?? 0, EVENT_REFUND, due[i + 1] ?? 0, due[i + 2] ?? 0);

    const forced = day === plan.days.standardCancellations ? forcedStandardCancellations(rng, tier, population) : undefined;
    renewOrChange(day, forced, rng.wobble(0.08));

    const signUps = signUpsByTier(rng, tier, population, targets, SIGN_UP_WEEKLY[calendar.weekday(day)] ?? 1);
    signUps.forEach((wanted, chosen) => {
      for (let s = 0; s < wanted && poolSize > 0; s++) {
        const slot = rng.int(0, poolSize - 1);
        const user = freePool[slot] ?? 0;
        freePool[slot] = freePool[--poolSize] ?? 0;
        tier[user] = chosen;
        startedOn[user] = day;
        periodStart[user] = day;
        charge(day, user, EVENT_NEW, chosen, TIER_PRICE_USD[chosen] ?? 0);
        changeTier(day, user, chosen);
      }
    });
  }
  for (let user = 0; user < count; user++) if ((tier[user] ?? -1) >= 0) closePeriod(user, last);

  return {
    events,
    periods,
    tierChanges: { day: changes.day.values(), user: changes.user.values(), tier: changes.tier.values() },
  };
}

function tierCounts(tier: Int8Array): number[] {
  const counts = [0, 0, 0, 0];
  // An index loop: for…of over a typed array allocated an iterator result per element here.
  for (let user = 0; user < tier.length; user++) {
    const code = tier[user] ?? -1;
    if (code >= 0) counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/**
 * New subscriptions per tier for one day: the tier's expected losses (cancellations and
 * moves out) minus expected moves in, plus a pull toward its target size.
 */
function signUpsByTier(rng: Rng, tier: Int8Array, population: Population, targets: readonly number[], weekly: number): number[] {
  const counts = tierCounts(tier);
  const cancellations = expectedCancellations(tier, population.kind);
  const upgrades = counts.map((n, code) => n * (UPGRADE_HAZARD[code] ?? 0));
  const downgrades = counts.map((n, code) => n * (DOWNGRADE_HAZARD[code] ?? 0));
  const wobble = rng.wobble(0.08);
  return counts.map((n, code) => {
    if (!isPaidTier(code)) return 0;
    const losses = (cancellations[code] ?? 0) + (upgrades[code] ?? 0) + (downgrades[code] ?? 0);
    const gains = (upgrades[code - 1] ?? 0) + (downgrades[code + 1] ?? 0);
    const pull = REVERSION_PER_DAY * ((targets[code] ?? 0) - n);
    return rng.poisson(Math.max(0, losses - gains + pull) * weekly * wobble);
  });
}

function cancelHazard(population: Population, user: number, tierCode: number): number {
  return population.kind[user] === KIND_POWER ? (POWER_USER_CANCEL_HAZARD[tierCode] ?? 0) : (CANCEL_HAZARD[tierCode] ?? 0);
}

/** CANCEL_HAZARD × POWER_USER_CANCEL_FACTOR, the same doubles cancelHazard always returned. */
const POWER_USER_CANCEL_HAZARD = CANCEL_HAZARD.map((base) => base * POWER_USER_CANCEL_FACTOR);

/** Expected cancellations per tier code today: the sum of every subscriber's hazard, in user order. */
function expectedCancellations(tier: Int8Array, kind: Uint8Array): number[] {
  const sums = new Float64Array(4);
  for (let user = 0; user < tier.length; user++) {
    const code = tier[user] ?? -1;
    if (code >= 0) sums[code] = (sums[code] ?? 0) + ((kind[user] === KIND_POWER ? POWER_USER_CANCEL_HAZARD[code] : CANCEL_HAZARD[code]) ?? 0);
  }
  return Array.from(sums);
}

/**
 * The revenue anomaly: exactly 4× the expected standard cancellations, not a noisy
 * 4× hazard, so the spike clears a same-weekday baseline of Poisson counts.
 */
function forcedStandardCancellations(rng: Rng, tier: Int8Array, population: Population): Set<number> {
  const standard: number[] = [];
  let expected = 0;
  for (let user = 0; user < tier.length; user++) {
    if (tier[user] !== TIER_STANDARD || population.internal[user] !== 0) continue;
    standard.push(user);
    expected += cancelHazard(population, user, TIER_STANDARD);
  }
  const wanted = Math.min(standard.length, Math.round(MAGNITUDE.standardCancellations * expected));
  return new Set(rng.shuffle(standard).slice(0, wanted));
}
