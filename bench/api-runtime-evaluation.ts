/**
 * Clean-day alert rate and injected anomalies found for api-runtime, per seed.
 * Run: npx tsx bench/api-runtime-evaluation.ts [seed …]   (default seeds 42 7 123)
 */
import { apiRuntimeDomain } from '../src/domains/api-runtime.js';
import { evaluateDomain, seedsFromArgv } from './domain-evaluation.js';

// An endpoint's incident moves the API total; an API-wide one moves its root-cause
// endpoint (the infra burst sits on /v1/images). Those series-days are explained.
await evaluateDomain({
  domain: apiRuntimeDomain,
  affectedSeries: (a) => [a.series, 'total', ...(a.rootCause?.dimension === 'endpoint' ? [a.rootCause.member] : [])],
  seeds: seedsFromArgv(),
});
