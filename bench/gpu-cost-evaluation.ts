/**
 * Clean-day alert rate and injected anomalies found for gpu-cost, per seed.
 * Run: npx tsx bench/gpu-cost-evaluation.ts [seed …]   (default seeds 42 7 123)
 */
import { gpuCostDomain } from '../src/domains/gpu-cost.js';
import { evaluateDomain, seedsFromArgv } from './domain-evaluation.js';

// The studio idle spike also moves studio's idle-to-inference ratio, cost per request
// and day-over-day total on the same day: all on the anomaly's own series.
await evaluateDomain({ domain: gpuCostDomain, affectedSeries: (a) => [a.series], seeds: seedsFromArgv() });
