import type { IsoDate } from '../dates/iso-date.js';
import { findDomain } from '../domains/registry.js';
import { quotedKey } from './check-domain-keys.js';
import type { Config } from './schema.js';
import { didYouMean } from './suggest.js';

/**
 * Config for series that only exist in the data (enterprise org names, api-runtime
 * endpoints) cannot be checked when the config loads. Once a run has the data, a
 * `series.<s>` key matching none of its series is most likely a misspelt org or endpoint
 * (or one that stopped reporting): a warning, not an error, because the data of one day
 * may simply lack it. Pure: the caller prints the lines (stderr) and knows the date.
 */
export function unmatchedSeriesWarnings(domainName: string, config: Config, seriesSeenInData: Iterable<string>, date: IsoDate): string[] {
  const domain = findDomain(domainName);
  const configured = Object.keys(config.domains[domainName]?.series ?? {});
  if (domain === undefined || !domain.seriesFromData || configured.length === 0) return [];
  const existing = new Set([...domain.knownSeries.map((s) => s.key), ...seriesSeenInData]);
  return configured
    .filter((series) => !existing.has(series))
    .map((series) => `warning: config domains.${domainName}.series.${quotedKey(series)}: no such series in the data for ${date}${didYouMean(series, existing)}`);
}
