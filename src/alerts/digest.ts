import type { IsoDate } from '../dates/iso-date.js';
import type { Severity } from '../stats/types.js';
import type { Alert, DataQualityFinding, LevelShiftChange } from './alert.js';

/** Where an alert stands in its life: first day, or the n-th day running. */
export type Lifecycle = { readonly kind: 'new' } | { readonly kind: 'ongoing'; readonly day: number };

export interface DigestAlert {
  readonly alert: Alert;
  readonly lifecycle: Lifecycle;
  /** Set when the alert was raised one level for alerting several days running. */
  readonly escalatedFrom: Severity | null;
}

/** A series that alerted on the previous day and is normal today: one line in the digest. */
export interface ResolvedLine {
  readonly domain: string;
  readonly series: string;
  readonly seriesLabel: string;
  readonly metric: string;
  readonly metricLabel: string;
  /** First day of the episode that just ended. */
  readonly since: IsoDate;
  /** The date it was seen normal again. */
  readonly date: IsoDate;
  /** Set when it did not go back but became the new level (a level shift since `since`, by `change`). */
  readonly levelShift?: LevelShiftChange;
}

/** One message for one route (team) for one domain and date. */
export interface Digest {
  readonly route: string;
  readonly domain: string;
  readonly domainTitle: string;
  readonly date: IsoDate;
  readonly alerts: readonly DigestAlert[];
  readonly resolved: readonly ResolvedLine[];
  /** Values not scored because their data cannot be trusted (README "Data quality"). */
  readonly findings?: readonly DataQualityFinding[];
  /** Set for a "data not arrived" message: the date had no rows at all (a late pipeline). */
  readonly dataNotArrived?: string;
  /** Set when the date was scored by a later run, after its data arrived late. */
  readonly arrivedLate?: { readonly missingAt: string };
  /** Handles to mention when the digest has a CRITICAL alert, e.g. '<!subteam^S0123>'. */
  readonly criticalMentions: readonly string[];
  /** The command that reproduces this report, e.g. 'monitor usage --date 2026-03-10'. */
  readonly reproduce: string;
  /** The run's published HTML report (`--report-dir` with `report.baseUrl`), when there is one. */
  readonly reportUrl?: string;
}
