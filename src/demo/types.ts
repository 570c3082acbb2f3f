import type { IsoDate } from '../dates/iso-date.js';

/** What to generate: `days` consecutive days ending on `end` (inclusive), from `seed`. */
export interface DemoOptions {
  seed: number;
  days: number;
  end: IsoDate;
  /**
   * Whole-number multiplier of the user population (self-serve users and org seats;
   * the orgs, API customers and the anomaly plan stay the same): per-user tables get
   * about `scale` × the rows. Default 1, which is the standard demo warehouse.
   */
  scale?: number;
}

export type DemoDomain = 'usage' | 'gpu-cost' | 'revenue' | 'enterprise' | 'api-runtime';

/** One anomaly the generator put into the data on purpose: the ground truth detectors are scored on. */
export interface InjectedAnomaly {
  id: string;
  domain: DemoDomain;
  series: string;
  metric: string;
  /** Inclusive; most anomalies last one day (start === end). */
  start: IsoDate;
  end: IsoDate;
  direction: 'up' | 'down';
  /** The minimum severity a correct same-weekday z-score detector should give. */
  expectedSeverity: 'NOTICE' | 'WARNING' | 'CRITICAL';
  /** Multiplicative factor applied to the series, e.g. 0.4 for a 60 % drop, 3 for tripling. */
  magnitude: number;
  cause: string;
  rootCause: { dimension: string; member: string } | null;
}

export interface DemoSummary {
  seed: number;
  days: number;
  start: IsoDate;
  end: IsoDate;
  rowCounts: Record<string, number>;
  anomalies: InjectedAnomaly[];
  generatedAt?: never;
}
