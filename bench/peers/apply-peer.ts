import type { IsoDate } from '../../src/dates/iso-date.js';
import type { Flag } from '../../src/labels/label-events.js';
import type { Peer } from './types.js';

/** One daily series as label scoring sees its flags. */
export interface PeerSeries {
  readonly domain: string;
  readonly series: string;
  readonly group: string | null;
  readonly metric: string;
  readonly values: ReadonlyMap<IsoDate, number>;
}

export interface PeerRun {
  /** Flags per threshold, in the order of `peer.thresholds`. */
  readonly flagsByThreshold: readonly (readonly Flag[])[];
  /**
   * Series-days the peer scored: a series counts once per date when at least one of its
   * metrics was scored, the false-alert denominator the default detector uses
   * (backtestFlags in src/backtest/summarize.ts).
   */
  readonly scoredDays: number;
  /** The same series-days per series: `seriesKey(domain, series)` → the dates scored. */
  readonly scoredDates: ReadonlyMap<string, ReadonlySet<IsoDate>>;
}

/** The key of `PeerRun.scoredDates`. */
export const seriesKey = (domain: string, series: string): string => JSON.stringify([domain, series]);

/**
 * Runs a peer on every date of every series × metric. A peer has no severities: its
 * flags carry NOTICE, which label scoring ignores (it only counts flags in windows).
 */
export function applyPeer(peer: Peer, series: readonly PeerSeries[], dates: readonly IsoDate[]): PeerRun {
  const flagsByThreshold: Flag[][] = peer.thresholds.map(() => []);
  const scoredDates = new Map<string, Set<IsoDate>>();
  for (const s of series) {
    const key = seriesKey(s.domain, s.series);
    const scored = scoredDates.get(key) ?? new Set<IsoDate>();
    scoredDates.set(key, scored);
    for (const date of dates) {
      const result = peer.score(s.values, date);
      if (result === null) continue;
      scored.add(date);
      peer.thresholds.forEach((threshold, i) => {
        if (Math.abs(result.z) > threshold) {
          flagsByThreshold[i]?.push({ domain: s.domain, series: s.series, group: s.group, metric: s.metric, date, severity: 'NOTICE' });
        }
      });
    }
  }
  return { flagsByThreshold, scoredDays: [...scoredDates.values()].reduce((n, d) => n + d.size, 0), scoredDates };
}
