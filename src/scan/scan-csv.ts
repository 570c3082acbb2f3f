import { replayRange, type DomainBacktest } from '../backtest/backtest-domain.js';
import { backtestResult, type Labels } from '../backtest/backtest-result.js';
import type { BacktestResult } from '../backtest/render-backtest.js';
import type { Config } from '../config/schema.js';
import { addDays, dateRange } from '../dates/iso-date.js';
import { buildDomainSeries } from '../domains/daily-series.js';
import type { MetricKind } from '../domains/types.js';
import type { Row } from '../warehouse/types.js';
import { readCsvSeries, type CsvColumns, type CsvSeries } from './read-csv.js';
import { SCAN_METRIC, scanConfig, scanDomain } from './scan-domain.js';

export interface ScanOptions {
  readonly path: string;
  readonly columns: CsvColumns;
  readonly kind: Exclude<MetricKind, 'duration'>;
  readonly direction: 'both' | 'up' | 'down' | undefined;
  readonly config: Config;
  readonly labels: Labels | null;
}

/** Every day of the file scored as a daily run would score it, summarised and, with labels, scored. */
export async function scanCsv(options: ScanOptions): Promise<BacktestResult> {
  const { backtest } = await replayCsv(options, null);
  return backtestResult(backtest, options.labels);
}

/**
 * The file replayed (its last `days` days, or all of it), and how to replay the same
 * rows at another config: what `calibrate --csv` tunes. `replay` takes a config with its
 * `scan:` section and applies --direction as the scan did.
 */
export async function replayCsv(
  options: Omit<ScanOptions, 'labels'>,
  days: number | null,
): Promise<{ readonly backtest: DomainBacktest; readonly config: Config; readonly replay: (config: Config) => DomainBacktest }> {
  const csv = await readCsvSeries(options.path, options.columns);
  const domain = scanDomain(options.kind, options.columns.value);
  const data = buildDomainSeries(domain, calendarRows(csv));
  const from = days === null || addDays(csv.last, -(days - 1)) < csv.first ? csv.first : addDays(csv.last, -(days - 1));
  const replay = (config: Config): DomainBacktest => replayRange({ domain, config: scanConfig(config, options.direction), from, to: csv.last }, data);
  const config = scanConfig(options.config, options.direction);
  return { backtest: replay(options.config), config, replay };
}

/**
 * The file's rows plus an empty row for every day of its calendar a series has no row
 * on. WHY: a day absent from the file is a day of the series, not a late pipeline; the
 * metric kind then decides what it is (a count or amount is 0 from the series' first
 * activity on, a ratio is missing), exactly as for a domain's rows.
 */
function calendarRows(csv: CsvSeries): Row[] {
  const rows: Row[] = csv.rows.map((r) => ({ dt: r.dt, series: r.series, [SCAN_METRIC]: r.value }));
  const present = new Set(csv.rows.map((r) => `${r.series}\u0000${r.dt}`));
  const calendar = dateRange(csv.first, csv.last);
  for (const series of csv.seriesKeys) {
    for (const dt of calendar) if (!present.has(`${series}\u0000${dt}`)) rows.push({ dt, series, [SCAN_METRIC]: null });
  }
  return rows;
}
