import { BATCH_ROWS, fullBatches, type RowBuffer } from './columns.js';
import type { Population } from './population.js';
import type { SubscriptionPeriods } from './subscriptions.js';

/** A batch of subscriptions_daily rows: rows 0 … length−1 are filled. */
export interface SubscriptionDayRows extends RowBuffer {
  day: Int32Array;
  /** The public number behind user_id. */
  userNumber: Int32Array;
  tier: Uint8Array;
  internal: Uint8Array;
}

const dayRows = (capacity: number): SubscriptionDayRows => ({
  length: 0,
  day: new Int32Array(capacity),
  userNumber: new Int32Array(capacity),
  tier: new Uint8Array(capacity),
  internal: new Uint8Array(capacity),
});

/**
 * The daily snapshot: every subscription period expanded to one row per day, in (day,
 * user_id number) order like a daily snapshot job writes it. A sweep over the days
 * instead of a sort: a user has at most one period on any day, so one slot per user
 * holds the tier of the day, and walking users by public number gives the order.
 * Yields batches of BATCH_ROWS (the last one shorter), reusing one buffer.
 */
export function* expandSubscriptionPeriods(
  periods: SubscriptionPeriods,
  population: Population,
  days: number,
  batchRows = BATCH_ROWS,
): Generator<SubscriptionDayRows, void, undefined> {
  const { count, publicNumber, internal } = population;
  const user = periods.user.values();
  const tier = periods.tier.values();
  const startsOn = bucketByDay(periods.startDay.values(), days);
  const endsOn = bucketByDay(periods.endDay.values(), days);
  // Public numbers are a permutation of 100001 … 100000 + count.
  const firstNumber = publicNumber.reduce((low, number) => Math.min(low, number), Number.MAX_SAFE_INTEGER);
  const userByNumber = new Int32Array(count);
  for (let u = 0; u < count; u++) userByNumber[(publicNumber[u] ?? 0) - firstNumber] = u;
  const tierToday = new Int8Array(count).fill(-1);

  const rows = dayRows(batchRows + count);
  const columns = [rows.day, rows.userNumber, rows.tier, rows.internal];
  for (let day = 0; day < days; day++) {
    for (let i = startsOn.first[day] ?? 0; i < (startsOn.first[day + 1] ?? 0); i++) {
      const period = startsOn.periods[i] ?? 0;
      tierToday[user[period] ?? 0] = tier[period] ?? 0;
    }
    rows.length = snapshotDay(day, rows, tierToday, userByNumber, firstNumber, internal);
    for (let i = endsOn.first[day] ?? 0; i < (endsOn.first[day + 1] ?? 0); i++) {
      tierToday[user[endsOn.periods[i] ?? 0] ?? 0] = -1;
    }
    yield* fullBatches(rows, columns, batchRows);
  }
  if (rows.length > 0) yield rows;
}

/**
 * Appends the day's rows (users on a tier, by public number) from rows.length on and
 * returns the new length; a plain function so that V8 optimises the loop (it does not
 * optimise loops inside a running generator).
 */
function snapshotDay(day: number, rows: SubscriptionDayRows, tierToday: Int8Array, userByNumber: Int32Array, firstNumber: number, internal: Uint8Array): number {
  let length = rows.length;
  for (let n = 0; n < userByNumber.length; n++) {
    const u = userByNumber[n] ?? 0;
    const code = tierToday[u] ?? -1;
    if (code < 0) continue;
    rows.day[length] = day;
    rows.userNumber[length] = firstNumber + n;
    rows.tier[length] = code;
    rows.internal[length] = internal[u] ?? 0;
    length++;
  }
  return length;
}

/** Period indexes grouped by day (counting sort): periods[first[d] … first[d+1]) fall on day d. */
function bucketByDay(dayOf: Int32Array, days: number): { first: Int32Array; periods: Int32Array } {
  const first = new Int32Array(days + 1);
  for (let period = 0; period < dayOf.length; period++) {
    const day = dayOf[period] ?? -1;
    if (day >= 0 && day < days) first[day + 1] = (first[day + 1] ?? 0) + 1;
  }
  for (let d = 0; d < days; d++) first[d + 1] = (first[d + 1] ?? 0) + (first[d] ?? 0);
  const next = first.slice(0, days);
  const periods = new Int32Array(first[days] ?? 0);
  dayOf.forEach((day, period) => {
    if (day < 0 || day >= days) return;
    const slot = next[day] ?? 0;
    periods[slot] = period;
    next[day] = slot + 1;
  });
  return { first, periods };
}
