/**
 * Which members (tiers, orgs, endpoints, processes) explain an alerting metric's move.
 * Pure: no I/O, no clock. Invalid input throws RangeError, as the other pure modules do.
 */

export interface MemberValues {
  member: string;
  baseline: number;
  current: number;
}

export interface VolumeWeightedMemberValues extends MemberValues {
  volumeBaseline: number;
  volumeCurrent: number;
}

export interface Contributor {
  member: string;
  baseline: number;
  current: number;
  /** current − baseline, in the metric's own units. */
  change: number;
  /**
   * rankContributors: (c − b) / (C − B), the signed fraction of the total's move this member
   * explains (negative when it moved against the total); null when C = B.
   * rankByOwnChange: this member's score / Σ scores.
   */
  share: number | null;
  /**
   * rankContributors: c/|C| − b/|B|, the shift of the member's share of the total.
   * rankByOwnChange: the shift of its share of the traffic (volume).
   */
  contributionChange: number;
  cost: number;
  status: 'appeared' | 'vanished' | 'changed';
}

export interface RankOptions {
  /** At most this many contributors; default 5. */
  top?: number;
  /** Members both smaller and moving less than this fraction are dropped; default 0.03. */
  minContribution?: number;
}

export const DEFAULT_TOP = 5;
export const DEFAULT_MIN_CONTRIBUTION = 0.03;
/** A share printed as a whole percentage shows "0%" below this. */
const ROUNDS_TO_ZERO_PERCENT = 0.005;

/**
 * ThirdEye's "balanced" cost for additive metrics (counts, sums, revenue), sorted by cost
 * descending, ties by member name (code-unit order, so the result never depends on locale).
 *
 * A member is dropped when it is both small and did not move much:
 *   |c − b| / |C − B| < minContribution  AND  max(|b|/|B|, |c|/|C|) < minContribution
 * (the first clause is skipped when C = B). AND, not OR: a tiny org that goes from 0 to a
 * large number explains the move although it was tiny, and a 40 % tier whose own value held
 * still still matters because its share of the total shifted. Members with cost 0 (nothing
 * moved, not even their share) are dropped too: they explain nothing.
 */
export function rankContributors(members: readonly MemberValues[], options: RankOptions = {}): Contributor[] {
  const top = options.top ?? DEFAULT_TOP;
  const minContribution = options.minContribution ?? DEFAULT_MIN_CONTRIBUTION;
  assertValidTop(top);
  if (!Number.isFinite(minContribution) || minContribution < 0) {
    throw new RangeError(`minContribution must be a finite fraction ≥ 0 (0.03 = 3 %), got ${minContribution}`);
  }
  const scored = scoreContributors(members);
  const kept = scored.filter(({ contributor, sizeShare }) => {
    if (contributor.cost === 0) return false;
    const moved = contributor.share !== null && Math.abs(contributor.share) >= minContribution;
    if (moved) return true;
    // A big member with none of the move (it would read "0% of the move") is listed only
    // if its share of the total shifted: a big member that simply held still is noise.
    const noneOfTheMove = contributor.share !== null && Math.abs(contributor.share) < ROUNDS_TO_ZERO_PERCENT;
    return sizeShare >= minContribution && !(noneOfTheMove && Math.abs(contributor.contributionChange) < minContribution);
  });
  return sortAndTake(
    kept.map(({ contributor }) => contributor),
    top,
  );
}

/**
 * Every member with its balanced cost, unfiltered and in input order.
 *
 *   share              = (c − b) / (C − B)            null when C = B
 *   contributionChange = c/|C| − b/|B|                a share is 0 when its total is 0
 *   cost               = |share| + |contributionChange|   (|share| counts 0 when C = B)
 *
 * Signs. The share denominators are |B| and |C| so that with a negative total (net revenue
 * after refunds) a member's share keeps the sign of its own value: a refund-heavy member has
 * a negative share either way. The move denominator is the signed C − B so that shares sum to
 * exactly 1 over all members; cost takes |share|, so the sign does not affect ranking.
 *
 * A total that did not move (C = B) has no "fraction of the move": the members that swapped
 * shares are the story, so cost falls back to |contributionChange| alone.
 *
 * Appeared (b = 0, c ≠ 0) and vanished (c = 0, b ≠ 0) members need no special arithmetic —
 * their baseline or current share is simply 0 — but the status is kept because "org X
 * vanished" is a different sentence in an alert from "org X fell 80 %".
 */
export function scoreContributors(
  members: readonly MemberValues[],
): { contributor: Contributor; sizeShare: number }[] {
  assertUniqueMembers(members);
  for (const { member, baseline, current } of members) {
    if (!Number.isFinite(baseline) || !Number.isFinite(current)) {
      throw new RangeError(`member ${JSON.stringify(member)} needs finite baseline and current, got ${baseline} and ${current}`);
    }
  }
  // Ratios are scale-free, so compute them on values scaled by a power of two (exact) to keep
  // sums of values near Number.MAX_VALUE from overflowing to Infinity and costs to NaN.
  const scale = powerOfTwoScale(members.flatMap((m) => [m.baseline, m.current]));
  // A total (or a net move) within floating-point rounding of the members' own magnitudes is
  // 0: dividing by it would turn rounding noise into shares of 1e15 or Infinity. The bound
  // also keeps every ratio below 2 / (n × ε), so costs stay finite for any finite input.
  const baseValues = members.map((m) => m.baseline * scale);
  const currentValues = members.map((m) => m.current * scale);
  const baseMagnitude = sum(baseValues.map(Math.abs));
  const currentMagnitude = sum(currentValues.map(Math.abs));
  const baseTotal = beyondRounding(sum(baseValues), baseMagnitude, members.length);
  const currentTotal = beyondRounding(sum(currentValues), currentMagnitude, members.length);
  const totalMove = beyondRounding(
    sum(currentValues) - sum(baseValues),
    baseMagnitude + currentMagnitude,
    members.length,
  );

  return members.map(({ member, baseline, current }) => {
    const b = baseline * scale;
    const c = current * scale;
    const baseShare = shareOf(b, baseTotal);
    const currentShare = shareOf(c, currentTotal);
    const share = totalMove === 0 ? null : (c - b) / totalMove;
    const contributionChange = currentShare - baseShare;
    const cost = Math.abs(share ?? 0) + Math.abs(contributionChange);
    return {
      contributor: {
        member,
        baseline,
        current,
        change: current - baseline,
        share,
        contributionChange,
        cost,
        status: statusOf(baseline, current),
      },
      sizeShare: Math.max(Math.abs(baseShare), Math.abs(currentShare)),
    };
  });
}

/**
 * Members ranked by the fraction of the move they explain, (c − b) / (C − B), largest
 * first; members that moved against the total (share ≤ 0) are left out. No size cut-off.
 *
 * For dimensions with many tiny members (an org's users). There balanced cost misleads:
 * when an org's DAU collapses from 105 to 38, the users who kept coming saw their share of
 * the small total jump (1/38 vs 0.2/105), and the share-shift term ranks them above the
 * users who stopped, who are the answer. And every user is under the 3 % cut-off.
 * When the total did not move (C = B) there is no move to explain: members are ranked by
 * |c − b| instead, and cost is that change in the metric's units.
 */
export function rankByChange(members: readonly MemberValues[], top: number = DEFAULT_TOP): Contributor[] {
  assertValidTop(top);
  const ranked = scoreContributors(members)
    .map(({ contributor }) => contributor)
    .filter((c) => (c.share === null ? c.change !== 0 : c.share > 0))
    .map((c) => ({ ...c, cost: c.share ?? Math.abs(c.change) }));
  return sortAndTake(ranked, top);
}

/**
 * For percentile metrics (p95), which do not decompose into members: a member's
 * contribution is its own value's move weighted by the traffic it carries now,
 *   weight = volumeCurrent / Σ volumeCurrent,   score = weight × |current − baseline|,
 * because an endpoint's p95 moving matters in proportion to the requests that felt it; an
 * idle endpoint's p95 doubling explains little of the service's p95.
 *
 * Then the same balanced form as rankContributors, so that costs compare across
 * dimensions: share = score / Σ scores (the member's part of the weighted change),
 * contributionChange = the shift of its traffic share, cost = share + |contributionChange|.
 * Raw scores are in ms and would not compare: when every org's p95 rose because every org
 * sends some video requests, the org dimension's scores are all large, yet the endpoint
 * dimension is the one where the change concentrates (/v1/video: 96 % of it).
 *
 * Status comes from volume (no baseline traffic = appeared, no current traffic = vanished).
 * A vanished member weighs 0 and so scores 0: members scoring 0 are dropped. The traffic
 * shift term sees part of a mix shift (traffic moving to a slower endpoint) only for
 * members whose own value also moved. Sorted as rankContributors.
 */
export function rankByOwnChange(members: readonly VolumeWeightedMemberValues[], top: number = DEFAULT_TOP): Contributor[] {
  assertValidTop(top);
  assertUniqueMembers(members);
  for (const m of members) {
    const values = [m.baseline, m.current, m.volumeBaseline, m.volumeCurrent];
    if (!values.every(Number.isFinite) || m.volumeBaseline < 0 || m.volumeCurrent < 0) {
      throw new RangeError(
        `member ${JSON.stringify(m.member)} needs finite values and finite volumes ≥ 0, got ${values.join(', ')}`,
      );
    }
  }
  const valueScale = powerOfTwoScale(members.flatMap((m) => [m.baseline, m.current]));
  const volumeScale = powerOfTwoScale(members.flatMap((m) => [m.volumeBaseline, m.volumeCurrent]));
  const volumeBaseTotal = sum(members.map((m) => m.volumeBaseline * volumeScale));
  const volumeCurrentTotal = sum(members.map((m) => m.volumeCurrent * volumeScale));

  const scored = members.map((m) => {
    const weight = shareOf(m.volumeCurrent * volumeScale, volumeCurrentTotal);
    const score = weight * Math.abs(m.current * valueScale - m.baseline * valueScale);
    return { m, weight, score };
  });
  const scoreTotal = sum(scored.map((s) => s.score));

  const contributors = scored
    .filter(({ score }) => score > 0)
    .map(({ m, weight, score }): Contributor => {
      const share = score / scoreTotal;
      const contributionChange = weight - shareOf(m.volumeBaseline * volumeScale, volumeBaseTotal);
      return {
        member: m.member,
        baseline: m.baseline,
        current: m.current,
        change: m.current - m.baseline,
        share,
        contributionChange,
        cost: share + Math.abs(contributionChange),
        status: statusOf(m.volumeBaseline, m.volumeCurrent),
      };
    });
  return sortAndTake(contributors, top);
}

function statusOf(before: number, after: number): Contributor['status'] {
  if (before === 0 && after !== 0) return 'appeared';
  if (after === 0 && before !== 0) return 'vanished';
  return 'changed';
}

/** A share of a zero total is undefined; 0 lets the other period's share carry the signal. */
function shareOf(value: number, total: number): number {
  return total === 0 ? 0 : value / Math.abs(total);
}

/** 2^-k with every |value| × scale ≤ 1, or 1 when values are already that small. */
function powerOfTwoScale(values: readonly number[]): number {
  const largest = values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
  return largest > 1 ? 2 ** -Math.ceil(Math.log2(largest)) : 1;
}

function beyondRounding(value: number, magnitude: number, count: number): number {
  return Math.abs(value) <= Number.EPSILON * count * magnitude ? 0 : value;
}

/**
 * Summed in ascending order, not in the members' order: floating-point addition is not
 * associative, and the members' order follows the drill-down rows, which differs between
 * a daily run and a backtest over many dates. The same members must give the same bits.
 */
function sum(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b).reduce((acc, v) => acc + v, 0);
}

function sortAndTake(contributors: Contributor[], top: number): Contributor[] {
  return contributors
    .sort((x, y) => y.cost - x.cost || (x.member < y.member ? -1 : x.member > y.member ? 1 : 0))
    .slice(0, top);
}

function assertValidTop(top: number): void {
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be an integer ≥ 0, got ${top}`);
}

function assertUniqueMembers(members: readonly { member: string }[]): void {
  const seen = new Set<string>();
  for (const { member } of members) {
    if (seen.has(member)) throw new RangeError(`member ${JSON.stringify(member)} appears twice; merge its rows first`);
    seen.add(member);
  }
}
