import type { IsoDate } from '../dates/iso-date.js';
import { passesMinChange } from '../stats/min-change-gate.js';
import type { Direction, DirectionRule, MinChangeGate, Thresholds } from '../stats/types.js';

/**
 * One scored day of one series × metric that could alert at some threshold and gate:
 * neither the direction rule nor the weekday-only rule holds it back, and |z| > 0. These
 * are what a replay with thresholds near 0 and no gates reports (src/calibrate/day-scores.ts).
 */
export interface DayScore {
  readonly date: IsoDate;
  readonly absZ: number;
  /** (value − μ) / |μ|; null when μ = 0, which no gate holds back. */
  readonly pctChange: number | null;
  readonly direction: Direction;
  /** The drop-to-zero rule sets its severity: it alerts whatever the thresholds. */
  readonly byRule: boolean;
  /** Covered by no labelled event: an alert on it counts against the budget. */
  readonly clean: boolean;
}

/** The two settings calibration may raise; everything else stays as configured. */
export interface Trial {
  readonly notice: number;
  readonly minChange: MinChangeGate;
}

/** The largest minChange the config schema accepts (10 = +1,000 %). */
export const MAX_GATE = 10;
/** Suggestions are printed for people: thresholds and gates on a grid of 0.01. */
const GRID = 100;

/**
 * The days that alert under a trial, exactly as evaluateDay decides: |z| strictly above
 * notice (or the drop-to-zero rule), then the gate of the day's direction.
 */
export function alertDays(days: readonly DayScore[], trial: Trial): DayScore[] {
  return days.filter((d) => (d.byRule || d.absZ > trial.notice) && passesMinChange(d.pctChange, d.direction, trial.minChange));
}

/**
 * How many clean-day alerts a budget allows: at most `budget` per 30 clean days, so
 * count ≤ budget · cleanDays / 30, i.e. count ≤ ⌊budget · cleanDays / 30⌋ as counts are
 * whole. The 1e-9 keeps float error in the product (0.7 · 30 = 20.999…) from costing one.
 */
export function allowedAlerts(budget: number, cleanDays: number): number {
  return Math.floor((budget * cleanDays) / 30 + 1e-9);
}

export type SearchOutcome<T> =
  | { readonly kind: 'within_budget' }
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'found'; readonly value: T; readonly trial: Trial };

/**
 * The smallest notice threshold (on the 0.01 grid) that keeps clean alerts within
 * `allowed`, with the gates as they are.
 *
 * Alerts need |z| > notice. Let F be the clean days that alert whatever the threshold
 * (drop-to-zero rule) and z₁ ≥ z₂ ≥ … the |z| of the other clean days the gate lets
 * through. With k = allowed − F, notice = z₍ₖ₊₁₎ leaves exactly the k days above it
 * (fewer on ties), and any notice below z₍ₖ₊₁₎ lets z₍ₖ₊₁₎ alert too: z₍ₖ₊₁₎ is the
 * smallest threshold within budget, and rounding it UP to the grid keeps that true.
 * Only ever raised: it is searched only when the current notice is over budget, and then
 * z₍ₖ₊₁₎ > current notice. Warning and critical move up by the same amount, so the gaps
 * between the levels (and their strict order) stay as configured.
 */
export function searchThreshold(days: readonly DayScore[], current: { readonly thresholds: Thresholds; readonly minChange: MinChangeGate }, allowed: number): SearchOutcome<Thresholds> {
  const gated = days.filter((d) => d.clean && passesMinChange(d.pctChange, d.direction, current.minChange));
  if (alertDays(gated, { notice: current.thresholds.notice, minChange: {} }).length <= allowed) return { kind: 'within_budget' };
  const fixed = gated.filter((d) => d.byRule).length;
  if (fixed > allowed) return { kind: 'unreachable', reason: `${fixed} clean drop-to-zero alerts, which no threshold silences` };
  const z = gated.filter((d) => !d.byRule).map((d) => d.absZ).sort((a, b) => b - a);
  const cutoff = z[allowed - fixed] as number; // exists: more than allowed − fixed of them alert now
  const notice = ceilToGrid(cutoff);
  return { kind: 'found', value: raiseLadder(current.thresholds, notice), trial: { notice, minChange: current.minChange } };
}

/** notice → `notice`, warning and critical shifted by the same amount (cleaned of float noise). */
export function raiseLadder(current: Thresholds, notice: number): Thresholds {
  const shift = (level: number): number => Number((level - current.notice + notice).toFixed(6));
  return { notice, warning: shift(current.warning), critical: shift(current.critical) };
}

export interface GateOption {
  /** The directions whose gate is raised. */
  readonly sides: readonly Direction[];
  /** Only the raised directions: merged over the configured gate. */
  readonly value: MinChangeGate;
  readonly trial: Trial;
}

/**
 * Every smallest gate (on the 0.01 grid) that keeps clean alerts within `allowed`, with
 * the thresholds as they are: one per way of gating the alerting direction. An up-only
 * or down-only metric has one; a two-way metric three (up alone, down alone, both with
 * the same value), since its clean alerts may all be rises and a drop gate would only
 * hide real drops. The caller picks among them by what they cost in labelled events.
 *
 * A change alerts when |pct| ≥ gate. Of the clean days alerting now, U cannot be gated on
 * these sides (other direction, or μ = 0 so no percentage); with k = allowed − U and
 * p₁ ≥ p₂ ≥ … the |pct| of the rest, any gate > p₍ₖ₊₁₎ leaves at most k, and any gate
 * ≤ p₍ₖ₊₁₎ lets it through: the answer is the smallest grid value strictly above p₍ₖ₊₁₎.
 */
export function searchGate(
  days: readonly DayScore[],
  current: { readonly thresholds: Thresholds; readonly minChange: MinChangeGate; readonly direction: DirectionRule },
  allowed: number,
): { readonly kind: 'within_budget' } | { readonly kind: 'unreachable'; readonly reason: string } | { readonly kind: 'found'; readonly options: readonly GateOption[] } {
  const now: Trial = { notice: current.thresholds.notice, minChange: current.minChange };
  const alerting = alertDays(days.filter((d) => d.clean), now);
  if (alerting.length <= allowed) return { kind: 'within_budget' };
  const sideSets: Direction[][] = current.direction === 'both' ? [['up'], ['down'], ['up', 'down']] : [[current.direction]];
  const options: GateOption[] = [];
  for (const sides of sideSets) {
    const option = gateFor(alerting, sides, allowed, now);
    // Both sides at once is the same gate as one side when the other is already higher.
    if (option !== null && !options.some((o) => sameGate(o.value, option.value))) options.push(option);
  }
  if (options.length > 0) return { kind: 'found', options };
  const ungateable = alerting.filter((d) => d.pctChange === null).length;
  return {
    kind: 'unreachable',
    reason: ungateable > allowed ? `${ungateable} clean alerts from a baseline mean of 0, which no gate holds back` : `it would take a gate above ${MAX_GATE} (+${MAX_GATE * 100} %)`,
  };
}

function gateFor(alerting: readonly DayScore[], sides: readonly Direction[], allowed: number, now: Trial): GateOption | null {
  const gateable = (d: DayScore): boolean => sides.includes(d.direction) && d.pctChange !== null;
  const ungateable = alerting.filter((d) => !gateable(d)).length;
  if (ungateable > allowed) return null;
  const changes = alerting.filter(gateable).map((d) => Math.abs(d.pctChange as number)).sort((a, b) => b - a);
  const gate = aboveOnGrid(changes[allowed - ungateable] as number); // exists: more than allowed alert now
  if (gate > MAX_GATE) return null;
  const value: Partial<Record<Direction, number>> = {};
  for (const side of sides) if (gate > (now.minChange[side] ?? 0)) value[side] = gate;
  return { sides: Object.keys(value) as Direction[], value, trial: { notice: now.notice, minChange: { ...now.minChange, ...value } } };
}

function sameGate(a: MinChangeGate, b: MinChangeGate): boolean {
  return a.up === b.up && a.down === b.down;
}

/** The smallest multiple of 0.01 that is ≥ x (float-safe: checked against x itself). */
export function ceilToGrid(x: number): number {
  let k = Math.ceil(x * GRID);
  while (k / GRID < x) k += 1;
  while ((k - 1) / GRID >= x) k -= 1;
  return k / GRID;
}

/** The smallest multiple of 0.01 that is > x. */
export function aboveOnGrid(x: number): number {
  let k = Math.floor(x * GRID) + 1;
  while (k / GRID <= x) k += 1;
  while ((k - 1) / GRID > x) k -= 1;
  return k / GRID;
}
