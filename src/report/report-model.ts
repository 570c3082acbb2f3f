import type { IsoDate } from '../dates/iso-date.js';
import type { Severity } from '../stats/types.js';
import type { AlertContributor } from '../alerts/alert.js';
import type { ChartPoint } from './chart-points.js';

/**
 * Everything the HTML report shows, computed before any markup is written (one-way:
 * build-report.ts fills it from the backtest machinery, render-html.ts only lays it out).
 */
export interface ReportModel {
  readonly title: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** ISO timestamp of the run that wrote it. */
  readonly generatedAt: string;
  readonly toolVersion: string;
  /** The warehouse read: "embedded DuckDB …" or "BigQuery …". */
  readonly source: string;
  /** Where the labelled events came from, or null when none were given. */
  readonly labels: string | null;
  readonly domains: readonly DomainRow[];
  /** Every alert of the range, in the order the text report shows them. */
  readonly alerts: readonly AlertRow[];
  /** One chart per alerting series × metric. */
  readonly charts: readonly SeriesChart[];
  readonly dataQuality: readonly DataQualityRow[];
}

export interface DomainRow {
  readonly domain: string;
  readonly title: string;
  readonly alerts: Readonly<Record<Severity, number>>;
  readonly dataQuality: number;
  /** Days whose data had not arrived (late) in the range. */
  readonly notArrived: readonly IsoDate[];
  /** The domain's query failed: its message. */
  readonly failed: string | null;
}

export interface AlertRow {
  readonly domain: string;
  readonly date: IsoDate;
  readonly seriesLabel: string;
  readonly metricLabel: string;
  readonly severity: Severity;
  readonly z: number;
  /** "+160%", or "–" when the baseline mean is 0. */
  readonly change: string;
  /** What the daily run did with it (render-backtest.ts deliveryText): new, day N, sent escalated, held under a CRITICAL, or below slack.minSeverity. */
  readonly lifecycle: string;
  /** Why a rule other than |z| set the severity (a drop to zero), or null. */
  readonly note: string | null;
  /** The id of the series' chart. */
  readonly chartId: string;
}

export interface SeriesChart {
  readonly id: string;
  readonly domain: string;
  readonly seriesLabel: string;
  readonly metricLabel: string;
  readonly unit: string | null;
  readonly display: 'percent' | null;
  readonly thresholds: { readonly notice: number; readonly warning: number; readonly critical: number };
  /** Every day from the baseline lookback before the range to its end, oldest first. */
  readonly points: readonly ChartPoint[];
  /** The first day of the report's range (days before it are the lookback). */
  readonly rangeStart: IsoDate;
  /** The contributors of the series' latest alert in the range. */
  readonly contributors: readonly AlertContributor[];
  /**
   * Labelled events of this series (with --labels): their windows, and whether any alert
   * of the domain's range found them (as label scoring counts it: an event that names no
   * metric is found by any metric of its series).
   */
  readonly events: readonly { readonly name: string; readonly from: IsoDate; readonly to: IsoDate; readonly found: boolean }[];
  /** With labels: this chart's flags in the range that no labelled event covers (false alerts, as far as the labels know); null without labels. */
  readonly flagsOutsideEvents: number | null;
}

export interface DataQualityRow {
  readonly domain: string;
  readonly date: IsoDate;
  readonly seriesLabel: string;
  readonly metricLabel: string;
  readonly problems: readonly string[];
}
