import type { Direction, MinChangeGate } from './types.js';

/**
 * A z-score says "unusual for this series", not "large enough to matter". On a very stable
 * series a 3 % dip can be 4σ; the seed team's 60-day volatility analysis (DOMAINS.md) found
 * that drops under 20–70 % (by segment × metric) were noise nobody acted on. The gate is
 * per direction because that analysis measured drops; up-spikes may need none.
 *
 * Passes when |pct| ≥ the gate (a change exactly at the gate is large enough), when no
 * gate is set for that direction, and when pct is null (μ = 0: any activity after none is
 * worth showing, and there is no percentage to compare).
 */
export function passesMinChange(pctChange: number | null, direction: Direction, gate: MinChangeGate): boolean {
  const minimum = gate[direction];
  if (minimum === undefined || pctChange === null) return true;
  return Math.abs(pctChange) >= minimum;
}

export function assertValidMinChangeGate(gate: MinChangeGate): void {
  for (const direction of ['up', 'down'] as const) {
    const minimum = gate[direction];
    if (minimum !== undefined && (!Number.isFinite(minimum) || minimum < 0)) {
      throw new RangeError(
        `minChange.${direction} must be a finite fraction ≥ 0 (0.25 = 25 %), got ${minimum}`,
      );
    }
  }
}
