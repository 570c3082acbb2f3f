import { knownEventLookup } from '../calendar/known-events.js';
import { ConfigError } from '../errors.js';
import type { DetectorSettings } from '../stats/types.js';
import type { Config, DetectorOverrides, KnownEventPolicy } from './schema.js';

/**
 * The detector settings for one series × metric: defaults, then the domain, the
 * domain's metric, the series, and the series' metric, most specific last. With a
 * `calendar:` in the config, `knownEvents` is its lookup under the resolved `knownEvents`
 * policy (default annotate); without one (or with policy off) it is left out.
 */
export function resolveDetectorSettings(config: Config, domain: string, series: string, metric: string): DetectorSettings {
  // Memoised per config (configs are not changed after loading; calibration builds new
  // ones): a backtest asks for every series × metric on every date, and the same object
  // back also lets the evaluator skip re-validating it.
  let byKey = RESOLVED.get(config);
  if (byKey === undefined) RESOLVED.set(config, (byKey = new Map()));
  const key = `${domain}\u0000${series}\u0000${metric}`;
  let settings = byKey.get(key);
  if (settings === undefined) byKey.set(key, (settings = resolveUncached(config, domain, series, metric)));
  return settings;
}

const RESOLVED = new WeakMap<Config, Map<string, DetectorSettings>>();

function resolveUncached(config: Config, domain: string, series: string, metric: string): DetectorSettings {
  const domainConfig = config.domains[domain];
  const seriesConfig = domainConfig?.series?.[series];
  const layers: (DetectorOverrides | undefined)[] = [
    domainConfig,
    domainConfig?.metrics?.[metric],
    seriesConfig,
    seriesConfig?.metrics?.[metric],
  ];
  const d = config.defaults;
  let settings: DetectorSettings = {
    weeks: d.baseline.weeks,
    minPoints: d.baseline.minPoints,
    thresholds: d.thresholds,
    direction: d.direction,
    minChange: d.minChange,
    sigmaFloor: d.sigmaFloor,
    weekdaysOnly: d.weekdaysOnly,
  };
  for (const layer of layers) if (layer !== undefined) settings = applyOverrides(settings, layer);
  checkConsistent(settings, `domains.${domain} (series ${series}, metric ${metric})`);
  const knownEvents = knownEventLookup(config, resolveKnownEventPolicy(config, domain, series, metric));
  return knownEvents === undefined ? settings : { ...settings, knownEvents };
}

/** The `knownEvents` policy for one series × metric, resolved like every other detector key. */
export function resolveKnownEventPolicy(config: Config, domain: string, series: string, metric: string): KnownEventPolicy {
  const domainConfig = config.domains[domain];
  const seriesConfig = domainConfig?.series?.[series];
  const layers: (DetectorOverrides | undefined)[] = [domainConfig, domainConfig?.metrics?.[metric], seriesConfig, seriesConfig?.metrics?.[metric]];
  return layers.reduce<KnownEventPolicy>((policy, layer) => layer?.knownEvents ?? policy, config.defaults.knownEvents ?? 'annotate');
}

/** Overrides are validated one by one; only the merged result shows a contradiction. */
function checkConsistent(s: DetectorSettings, where: string): void {
  const t = s.thresholds;
  if (!(t.notice < t.warning && t.warning < t.critical)) {
    throw new ConfigError(`config: ${where}: thresholds must increase, got notice ${t.notice}, warning ${t.warning}, critical ${t.critical}`, 'fix the thresholds override for that domain, series or metric');
  }
  if (s.minPoints > s.weeks) {
    throw new ConfigError(`config: ${where}: baseline.minPoints ${s.minPoints} exceeds baseline.weeks ${s.weeks}, so nothing could ever be scored`, 'lower minPoints or raise weeks');
  }
}

function applyOverrides(s: DetectorSettings, o: DetectorOverrides): DetectorSettings {
  return {
    weeks: o.baseline?.weeks ?? s.weeks,
    minPoints: o.baseline?.minPoints ?? s.minPoints,
    thresholds: { ...s.thresholds, ...definedOnly(o.thresholds) },
    direction: o.direction ?? s.direction,
    minChange: { ...s.minChange, ...definedOnly(o.minChange) },
    sigmaFloor: { ...s.sigmaFloor, ...definedOnly(o.sigmaFloor) },
    weekdaysOnly: o.weekdaysOnly ?? s.weekdaysOnly,
    dropToZero: o.dropToZero ?? s.dropToZero,
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
