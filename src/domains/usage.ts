import { addDays } from '../dates/iso-date.js';
import { ConfigError } from '../errors.js';
import type { Config } from '../config/schema.js';
import type { DomainDefinition } from './types.js';

/** Days before the first returned day that the 28-day Heavy window must read. */
const HEAVY_WINDOW_DAYS = 28;

function heavyMinTokens28d(config: Config): number {
  const value = config.domains['usage']?.segments?.['heavy']?.['minTokens28d'];
  if (value === undefined || !Number.isInteger(value) || value <= 0) {
    throw new ConfigError(
      `config: domains.usage.segments.heavy.minTokens28d: must be a positive whole number of tokens (got ${JSON.stringify(value)})`,
      'set it to the 28-day token total that makes a user Heavy, e.g. 5000000',
    );
  }
  return value;
}

export const usageDomain: DomainDefinition = {
  name: 'usage',
  title: 'Product usage by user segment',
  sqlFile: 'usage.sql',
  seriesColumn: 'segment',
  knownSeries: [
    { key: 'enterprise_contract', label: 'Enterprise Contract' },
    { key: 'enterprise_pilot', label: 'Enterprise Pilot' },
    { key: 'heavy', label: 'Heavy' },
    { key: 'paying', label: 'Paying' },
    { key: 'free', label: 'Free' },
  ],
  seriesFromData: false,
  metrics: [
    { name: 'dau', label: 'DAU', kind: 'count' },
    { name: 'image_generations', label: 'Image generations', kind: 'count' },
    { name: 'video_generations', label: 'Video generations', kind: 'count' },
    { name: 'tokens', label: 'Tokens', kind: 'count' },
  ],
  qualityChecks: [
    { column: 'dq_duplicate_rows', problem: 'duplicate usage_daily rows for one (dt, user_id) (a day loaded twice?)', metrics: 'all' },
    { column: 'dq_bad_tokens', problem: 'usage_daily rows with tokens_consumed NULL, NaN, ±Infinity or negative', metrics: ['tokens'] },
    { column: 'dq_bad_images', problem: 'usage_daily rows with image_generations NULL, NaN, ±Infinity or negative', metrics: ['image_generations'] },
    { column: 'dq_bad_videos', problem: 'usage_daily rows with video_generations NULL, NaN, ±Infinity or negative', metrics: ['video_generations'] },
  ],
  drillDown: {
    sqlFile: 'drilldown/usage.sql',
    dimensions: (series) => (series.startsWith('enterprise_') ? ['org'] : ['tier']),
    combine: { dau: 'sum', image_generations: 'sum', video_generations: 'sum', tokens: 'sum' },
  },
  lagDays: 1,
  queryParams(config, window) {
    return {
      scan_start: { type: 'DATE', value: addDays(window.start, -(HEAVY_WINDOW_DAYS - 1)) },
      heavy_min_tokens_28d: { type: 'INT64', value: heavyMinTokens28d(config) },
    };
  },
  criticalAction(seriesKey) {
    return seriesKey.startsWith('enterprise_') ? 'contact the affected accounts' : undefined;
  },
};
