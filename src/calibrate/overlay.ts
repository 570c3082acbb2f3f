import { deepMerge } from '../config/deep-merge.js';
import { ConfigSchema, DomainConfigSchema, type Config, type DetectorOverrides } from '../config/schema.js';

/** Settings for one series × metric: where a calibration suggestion goes. */
export interface KeyOverrides {
  readonly series: string;
  readonly metric: string;
  readonly overrides: DetectorOverrides;
}

/** A config fragment for a user to merge into theirs. */
export type Overlay = Readonly<Record<string, unknown>>;

/**
 * Where a series × metric's settings live in a config file. A domain's are at
 * `domains.<d>.series.<s>.metrics.<m>`; a CSV scan's would be `scan.series.<s>`.
 */
export interface OverlayPlacement {
  /** The key path of one series × metric's settings. */
  path(series: string, metric: string): readonly string[];
  /** Whether a config file can name this series at all. */
  canName(series: string): boolean;
  /** Which series keys a config can name, for the report. */
  readonly namingRule: string;
}

/**
 * A domain's suggestions go at the series × metric level: it resolves last, so the
 * overlay changes exactly the keys it names whatever the config sets at broader levels.
 */
export function domainPlacement(domain: string): OverlayPlacement {
  return {
    path: (series, metric) => ['domains', domain, 'series', series, 'metrics', metric],
    // The schema's grammar for series keys decides; a key it refuses is reported, not written.
    canName: (series) => DomainConfigSchema.safeParse({ series: { [series]: {} } }).success,
    namingRule: 'series keys cannot hold control characters',
  };
}

/** The fragment that sets each key's overrides, nested along the placement's paths. */
export function buildOverlay(placement: OverlayPlacement, keys: readonly KeyOverrides[]): Overlay {
  const root: Record<string, unknown> = {};
  for (const key of keys) {
    const path = placement.path(key.series, key.metric);
    let node = root;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1] as string] = key.overrides;
  }
  return root;
}

/**
 * The config a user gets by merging the overlay into theirs, the way loadConfig merges a
 * file over the defaults (mappings key by key), validated by the same schema.
 */
export function applyOverlay(config: Config, overlay: Overlay): Config {
  return ConfigSchema.parse(deepMerge(config, overlay));
}
