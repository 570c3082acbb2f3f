import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { unmatchedSeriesWarnings } from '../../src/config/unmatched-series.js';
import { isoDate } from '../../src/dates/iso-date.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';

const shipped = loadConfig({ knownDomains: DOMAIN_NAMES }).config;
const date = isoDate('2026-11-24');

function withSeries(domain: string, series: Record<string, object>): Config {
  return { ...shipped, domains: { ...shipped.domains, [domain]: { ...shipped.domains[domain], series } } };
}

describe('unmatchedSeriesWarnings', () => {
  it('warns about an org in config that the data does not have, suggesting the nearest', () => {
    const config = withSeries('enterprise', { 'Acme Corp': { direction: 'up' }, Globex: { direction: 'up' } });
    expect(unmatchedSeriesWarnings('enterprise', config, ['Acme Corporation', 'Globex', 'Initech'], date)).toEqual([
      'warning: config domains.enterprise.series."Acme Corp": no such series in the data for 2026-11-24 (did you mean "Acme Corporation"?)',
    ]);
  });

  it('suggests for a slip of the keyboard, and says nothing more when nothing is close', () => {
    const config = withSeries('api-runtime', { '/v1/imgaes': {}, '/v2/batch': {}, total: {} });
    expect(unmatchedSeriesWarnings('api-runtime', config, ['/v1/images', '/v1/chat'], date)).toEqual([
      'warning: config domains.api-runtime.series."/v1/imgaes": no such series in the data for 2026-11-24 (did you mean "/v1/images"?)',
      'warning: config domains.api-runtime.series."/v2/batch": no such series in the data for 2026-11-24',
    ]);
  });

  it('is silent when every configured series is in the data or known in advance', () => {
    const config = withSeries('api-runtime', { total: {}, '/v1/chat': {} });
    expect(unmatchedSeriesWarnings('api-runtime', config, new Set(['/v1/chat']), date)).toEqual([]);
  });

  it('leaves domains whose series are all known in advance to the config loader', () => {
    expect(unmatchedSeriesWarnings('usage', shipped, [], date)).toEqual([]);
  });
});
