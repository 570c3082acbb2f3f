import type { DomainDefinition } from './types.js';

/**
 * API latency, errors and throughput (DOMAINS.md §5), for the whole API (`total`) and
 * per endpoint; endpoints come from the data, so a new one is monitored as soon as it
 * has ten weeks of history. Latency and error metrics alert only upwards
 * (config/domains/api-runtime.yaml), request volume both ways.
 */
export const apiRuntimeDomain: DomainDefinition = {
  name: 'api-runtime',
  title: 'API latency, errors and throughput',
  sqlFile: 'api-runtime.sql',
  seriesColumn: 'endpoint',
  knownSeries: [{ key: 'total', label: 'All endpoints' }],
  seriesFromData: true,
  metrics: [
    { name: 'requests', label: 'Requests', kind: 'count' },
    { name: 'error_rate', label: 'Error rate', kind: 'ratio', display: 'percent' },
    { name: 'infra_error_rate', label: 'Infrastructure error rate', kind: 'ratio', display: 'percent' },
    { name: 'applicative_error_rate', label: 'Applicative error rate', kind: 'ratio', display: 'percent' },
    { name: 'timeout_rate', label: 'Timeout rate', kind: 'ratio', display: 'percent' },
    { name: 'p50_processing_ms', label: 'p50 processing time', kind: 'duration', unit: 'ms' },
    { name: 'p95_processing_ms', label: 'p95 processing time', kind: 'duration', unit: 'ms' },
    { name: 'p99_processing_ms', label: 'p99 processing time', kind: 'duration', unit: 'ms' },
    { name: 'p95_queue_ms', label: 'p95 queue time', kind: 'duration', unit: 'ms' },
    { name: 'p95_inference_ms', label: 'p95 inference time', kind: 'duration', unit: 'ms' },
  ],
  qualityChecks: [
    { column: 'dq_duplicate_requests', problem: 'api_requests rows repeating a request_id (a day loaded twice?)', metrics: 'all' },
    { column: 'dq_bad_processing_ms', problem: 'requests with processing_ms NaN, ±Infinity or negative', metrics: ['p50_processing_ms', 'p95_processing_ms', 'p99_processing_ms'] },
    { column: 'dq_bad_queue_ms', problem: 'requests with queue_ms NaN, ±Infinity or negative', metrics: ['p95_queue_ms'] },
    { column: 'dq_bad_inference_ms', problem: 'requests with inference_ms NaN, ±Infinity or negative', metrics: ['p95_inference_ms'] },
  ],
  drillDown: {
    sqlFile: 'drilldown/api-runtime.sql',
    // An endpoint's own series is already one endpoint: it drills by model and org only.
    dimensions: (series) => (series === 'total' ? ['endpoint', 'model', 'org'] : ['model', 'org']),
    combine: {
      requests: 'sum',
      // Rates as each member's errors over all the series' requests: they sum to the rate.
      error_rate: 'sum',
      infra_error_rate: 'sum',
      applicative_error_rate: 'sum',
      timeout_rate: 'sum',
      // Percentiles do not decompose: a member's own percentile, weighted by its traffic.
      p50_processing_ms: { weightedBy: 'requests' },
      p95_processing_ms: { weightedBy: 'requests' },
      p99_processing_ms: { weightedBy: 'requests' },
      p95_queue_ms: { weightedBy: 'requests' },
      p95_inference_ms: { weightedBy: 'requests' },
    },
  },
  lagDays: 1,
  queryParams() {
    return {};
  },
};
