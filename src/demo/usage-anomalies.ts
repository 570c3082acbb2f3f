import { MAGNITUDE, type AnomalyPlan } from './anomaly-plan.js';
import { TIER_FREE, TIER_PRO } from './catalog.js';
import type { UsageDay } from './usage.js';
import { SEGMENT_FREE, SEGMENT_HEAVY, SEGMENT_PAYING, SEGMENT_PILOT } from './usage-segments.js';

/**
 * Anomalies that change amounts rather than who shows up. Each is scaled against the
 * segment's real total of that day, so the segment series moves by exactly the
 * planned factor while only the named cause (a tier, an org) carries the change —
 * which is what a drill-down must find.
 */
export function applyUsageAnomalies(usage: UsageDay, plan: AnomalyPlan): void {
  const { day } = usage;
  if (day === plan.days.heavyTokenDrop) halveHeavyTokens(usage);
  if (day === plan.days.paidImageSpike) {
    boostSegment(usage, usage.rows.images, SEGMENT_PAYING, MAGNITUDE.paidImages, (row) => usage.rows.tier[row] === TIER_PRO);
  }
  if (day === plan.days.freeImageSpike) {
    boostSegment(usage, usage.rows.images, SEGMENT_FREE, MAGNITUDE.freeImages, (row) => usage.rows.tier[row] === TIER_FREE);
  }
  if (day === plan.days.pilotVideoSpike) {
    boostSegment(usage, usage.rows.videos, SEGMENT_PILOT, MAGNITUDE.pilotVideo, (row) => usage.rows.org[row] === plan.pilotSpikeOrg.index);
  }
}

function halveHeavyTokens(usage: UsageDay): void {
  const { rows, firstRow, segments } = usage;
  segments.forEach((segment, offset) => {
    if (segment !== SEGMENT_HEAVY) return;
    const row = firstRow + offset;
    usage.adjustTokens(row, Math.max(1, Math.round((rows.tokens[row] ?? 0) * MAGNITUDE.heavyTokens)));
  });
}

/**
 * Raises a segment's total of `column` to `factor` × its value by adding the extra to
 * the rows `isCause` selects, in proportion to what each already had (+1, so a user
 * with none still gets some). Internal users are neither counted nor boosted.
 */
function boostSegment(
  usage: UsageDay,
  column: Int32Array,
  segment: number,
  factor: number,
  isCause: (row: number) => boolean,
): void {
  const { rows, firstRow, segments } = usage;
  let total = 0;
  const causeRows: number[] = [];
  const weights: number[] = [];
  segments.forEach((rowSegment, offset) => {
    const row = firstRow + offset;
    if (rowSegment !== segment || rows.internal[row] === 1) return;
    total += column[row] ?? 0;
    if (isCause(row)) {
      causeRows.push(row);
      weights.push((column[row] ?? 0) + 1);
    }
  });
  const extra = Math.round((factor - 1) * total);
  const allocation = proportionalAllocation(extra, weights);
  causeRows.forEach((row, i) => {
    column[row] = (column[row] ?? 0) + (allocation[i] ?? 0);
  });
}

/** Splits an integer total by weight with cumulative rounding: the parts add up exactly. */
export function proportionalAllocation(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum <= 0) return weights.map(() => 0);
  let cumulative = 0;
  let given = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = Math.round((cumulative / weightSum) * total);
    const part = upTo - given;
    given = upTo;
    return part;
  });
}
