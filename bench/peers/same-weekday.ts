import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { meanAndSampleSd } from './sample-stats.js';
import type { Peer, PeerDetector, PeerScore } from './types.js';

/**
 * The seed team's method exactly as ../shared/DOMAINS.md ("Shared method") states it:
 * the same weekday in the previous `weeks` weeks (target − 7, − 14, …, − 7·weeks), mean μ
 * and sample σ of those values, z = (value − μ) / σ. What the default detector adds on
 * top is deliberately left out, so the benchmark shows what each addition buys: no
 * minimum-points guard beyond the 2 values a sample σ needs, no σ floor, no direction,
 * no weekend rule, no minimum-change gate, no lifecycle (escalation, inhibition).
 *
 * Choices the text leaves open, made the way the default makes them:
 *  - a same-weekday date with no value is skipped, never counted as 0 (a late pipeline is
 *    not a zero); the day is scored from the values that remain, if at least 2;
 *  - σ = 0 (every baseline value equal) leaves z undefined: 0/0 when the value equals μ,
 *    ±∞ otherwise. The day is NOT scored in both cases (null). A σ of exactly 0 only
 *    happens on tiny or idle series (an org with no activity on past Saturdays), where an
 *    infinite z would page on the first user; the default floors σ for the same reason.
 */
export function sameWeekdayZ(values: ReadonlyMap<IsoDate, number>, date: IsoDate, weeks: number): PeerScore | null {
  const value = values.get(date);
  if (value === undefined) return null;
  const baseline: number[] = [];
  for (let back = 1; back <= weeks; back += 1) {
    const past = values.get(addDays(date, -7 * back));
    if (past !== undefined) baseline.push(past);
  }
  if (baseline.length < 2) return null;
  const { mean, sd } = meanAndSampleSd(baseline);
  if (sd === 0) return null;
  return { z: (value - mean) / sd };
}

/** The seed team's "last 10 same weekdays" (a 70-day lookback). */
export const seedTeamZ: PeerDetector = (values, date) => sameWeekdayZ(values, date, 10);

/**
 * DOMAINS.md's "14-day same-day-of-week variant" taken literally: the last 2 same weekdays
 * (target − 7 and − 14), both needed. σ from two values is |a − b| / √2, often tiny, so
 * ordinary moves get large z: shown to measure exactly that.
 */
export const fourteenDayZ: PeerDetector = (values, date) => sameWeekdayZ(values, date, 2);

/** DOMAINS.md: NOTICE is |z| > 2, WARNING |z| > 3; a single threshold per row. */
export const SEED_TEAM_PEER: Peer = { name: 'seed team: 10 same weekdays, no floor', score: seedTeamZ, thresholds: [2, 3] };
export const FOURTEEN_DAY_PEER: Peer = { name: '14-day: 2 same weekdays, no floor', score: fourteenDayZ, thresholds: [2, 3] };
