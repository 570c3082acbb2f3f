import type { Alert, DomainReport } from '../alerts/alert.js';
import type { DigestAlert } from '../alerts/digest.js';
import { applyLifecycle, LIFECYCLE_HISTORY_DAYS, withResolvedLines } from '../alerts/lifecycle.js';
import type { Config } from '../config/schema.js';
import { addDays, dateRange, type IsoDate } from '../dates/iso-date.js';
import { buildDomainSeries, type DomainSeries } from '../domains/daily-series.js';
import type { DomainDefinition } from '../domains/types.js';
import { attachContributors } from '../rootcause/attach-contributors.js';
import { maxLookbackDays } from '../run/detect-domain.js';
import { buildDomainQuery } from '../run/run-domain.js';
import type { Warehouse } from '../warehouse/types.js';
import { DailyWindowScorer, type ScoredMetric } from './daily-window.js';

export interface BacktestDay {
  /** Exactly the report the daily run for this date prints (contributors only when asked). */
  readonly report: DomainReport;
  /** What that run would post: after escalation, without alerts inhibited under a CRITICAL. */
  readonly sent: readonly DigestAlert[];
  readonly inhibited: readonly Alert[];
  /** The series × metrics scored on the date (neither missing, insufficient history nor bad data). */
  readonly scored: readonly ScoredMetric[];
}

export interface DomainBacktest {
  readonly domain: DomainDefinition;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: readonly BacktestDay[];
  /** Every row of the range as series (for per-series summaries and calibration). */
  readonly data: DomainSeries;
}

export interface BacktestOptions {
  readonly domain: DomainDefinition;
  readonly config: Config;
  readonly warehouse: Warehouse;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly contributors: boolean;
  readonly toolVersion: string;
}

/**
 * Replays the daily run over every date of the range from one domain query (plus one
 * drill-down query when contributors are asked). Each date gets exactly its daily run's
 * inputs: the same window of rows and the same 14 days of lifecycle history, which is why
 * the query starts LIFECYCLE_HISTORY_DAYS before `from`. Nothing is delivered or recorded.
 */
export async function backtestDomain(options: BacktestOptions): Promise<DomainBacktest> {
  const rows = await options.warehouse.query(buildDomainQuery({ ...options, from: addDays(options.from, -LIFECYCLE_HISTORY_DAYS) }));
  const replayed = replayRange(options, buildDomainSeries(options.domain, rows));
  if (!options.contributors) return replayed;
  const shown = await attachContributors(replayed.days.map((d) => d.report), options);
  return { ...replayed, days: replayed.days.map((day, i) => ({ ...day, report: shown[i] ?? day.report })) };
}

/** Pure: every date of the range as its daily run sees it, from series built once (a domain's or a CSV's). */
export function replayRange(options: Pick<BacktestOptions, 'domain' | 'config' | 'from' | 'to'>, data: DomainSeries): DomainBacktest {
  const scorer = new DailyWindowScorer(options.domain, options.config, data, maxLookbackDays(options.domain, options.config));
  const days = dateRange(options.from, options.to).map((date): BacktestDay => {
    const { reports, scored } = scorer.run(date, LIFECYCLE_HISTORY_DAYS);
    const report = reports[reports.length - 1] as DomainReport; // run() always ends with the date itself
    if (report.status !== 'ok') return { report, sent: [], inhibited: [], scored };
    const lifecycle = applyLifecycle(report, reports.slice(0, -1), options.config.slack);
    return { report: withResolvedLines(report, lifecycle.resolved), sent: lifecycle.alerts, inhibited: lifecycle.inhibited, scored };
  });
  return { domain: options.domain, from: options.from, to: options.to, days, data };
}
