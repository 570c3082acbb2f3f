/**
 * Clean-day alert rate and injected anomalies found for revenue, per seed.
 * Run: npx tsx bench/revenue-evaluation.ts [seed …]   (default seeds 42 7 123)
 */
import { revenueDomain } from '../src/domains/revenue.js';
import { evaluateDomain, seedsFromArgv } from './domain-evaluation.js';

// The standard cancellation spike is part of the total series too (total = all tiers).
await evaluateDomain({
  domain: revenueDomain,
  affectedSeries: (a) => [a.series, 'total'],
  seeds: seedsFromArgv(),
});
