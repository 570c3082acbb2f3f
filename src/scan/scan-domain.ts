import type { OverlayPlacement } from '../calibrate/overlay.js';
import type { Config } from '../config/schema.js';
import type { DomainDefinition, MetricKind } from '../domains/types.js';

/** The name scan results carry where a domain's would be (reports, labels, config). */
export const SCAN_DOMAIN = 'scan';
/** The one metric of a scanned series: the value column. */
export const SCAN_METRIC = 'value';

/**
 * A CSV series as a domain, so that `scan` runs the very code a domain runs (series
 * building, scoring, lifecycle, label scoring) instead of a copy of it. It has no SQL,
 * no drill-down and no data lag: its rows come from the file.
 */
export function scanDomain(kind: Exclude<MetricKind, 'duration'>, valueColumn: string): DomainDefinition {
  return {
    name: SCAN_DOMAIN,
    title: `CSV series (${kind})`,
    sqlFile: 'scan',
    seriesColumn: 'series',
    knownSeries: [],
    seriesFromData: true,
    metrics: [{ name: SCAN_METRIC, label: valueColumn, kind }],
    qualityChecks: [],
    drillDown: { sqlFile: 'scan', dimensions: () => [], combine: {} },
    lagDays: 0,
    queryParams: () => ({}),
  };
}

/**
 * The config's `scan:` section as the settings of the scan domain: `scan.defaults` at the
 * domain level, `scan.series.<s>` per series, `--direction` over the defaults (a series'
 * own direction in the config still wins: it was written for that series).
 */
export function scanConfig(config: Config, direction: 'both' | 'up' | 'down' | undefined): Config {
  const defaults = { ...config.scan.defaults, ...(direction === undefined ? {} : { direction }) };
  return { ...config, domains: { ...config.domains, [SCAN_DOMAIN]: { ...defaults, series: config.scan.series ?? {} } } };
}

/** Calibration suggestions for a CSV series go where its settings live: `scan.series.<s>`. */
export const SCAN_PLACEMENT: OverlayPlacement = {
  path: (series) => ['scan', 'series', series],
  canName: () => true,
  namingRule: 'any series key',
};
