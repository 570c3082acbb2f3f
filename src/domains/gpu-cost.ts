import { addDays } from '../dates/iso-date.js';
import type { DomainDefinition } from './types.js';

/**
 * Backend GPU cost per vertical (DOMAINS.md §2). Metrics are listed by priority tier:
 * tier 1 (idle, inference, idle-to-inference) is what the cost owners act on first.
 * "Inference cost" is the direct GPU cost of inference rows; "cost per request" is the
 * fully loaded one (idle and overhead attributed), see sql/gpu-cost.sql. Cost metrics
 * alert only upwards (config/domains/gpu-cost.yaml), request volume both ways.
 */
export const gpuCostDomain: DomainDefinition = {
  name: 'gpu-cost',
  title: 'GPU cost by vertical',
  sqlFile: 'gpu-cost.sql',
  seriesColumn: 'vertical',
  knownSeries: [
    { key: 'api', label: 'API' },
    { key: 'studio', label: 'Studio' },
  ],
  seriesFromData: false,
  metrics: [
    // Tier 1
    { name: 'idle_cost', label: 'Idle cost (T1)', kind: 'amount', unit: 'USD' },
    { name: 'inference_cost', label: 'Inference cost (T1)', kind: 'amount', unit: 'USD' },
    { name: 'idle_to_inference_ratio', label: 'Idle / inference cost (T1)', kind: 'ratio', display: 'percent' },
    // Tier 2
    { name: 'failure_rate', label: 'Failure rate (T2)', kind: 'ratio', display: 'percent' },
    { name: 'cost_per_request', label: 'Cost per request, fully loaded (T2)', kind: 'ratio', unit: 'USD' },
    { name: 'total_cost_dod', label: 'Total cost day over day (T2)', kind: 'ratio', display: 'percent' },
    // Tier 3
    { name: 'request_volume', label: 'Requests (T3)', kind: 'count' },
    { name: 'overhead_cost', label: 'Overhead cost (T3)', kind: 'amount', unit: 'USD' },
    { name: 'failed_cost', label: 'Cost of failed requests (T3)', kind: 'amount', unit: 'USD' },
  ],
  // Cost data finalises late: the default target date is today − 3.
  qualityChecks: [
    {
      column: 'dq_bad_row_cost',
      problem: 'gpu_cost rows with row_cost NULL, NaN, ±Infinity or negative',
      metrics: ['idle_cost', 'inference_cost', 'idle_to_inference_ratio', 'cost_per_request', 'total_cost_dod', 'overhead_cost', 'failed_cost'],
    },
    { column: 'dq_bad_attributed', problem: 'inference rows with attributed_idle_cost or attributed_overhead_cost NaN, ±Infinity or negative', metrics: ['cost_per_request'] },
    { column: 'dq_bad_requests', problem: 'inference rows with requests NaN, ±Infinity or negative', metrics: ['failure_rate', 'cost_per_request', 'request_volume'] },
    { column: 'dq_bad_prev_row_cost', problem: 'gpu_cost rows of the previous day with a bad row_cost', metrics: ['total_cost_dod'] },
  ],
  drillDown: {
    sqlFile: 'drilldown/gpu-cost.sql',
    dimensions: (series) => (series === 'studio' ? ['process'] : ['endpoint', 'model', 'org']),
    // Every metric decomposes: ratios as each member's numerator over the vertical's
    // denominator (idle / all inference cost, failed / all requests, loaded cost / all
    // requests), the day-over-day jump as the member's cost change over yesterday's total.
    combine: {
      idle_cost: 'sum',
      inference_cost: 'sum',
      idle_to_inference_ratio: 'sum',
      failure_rate: 'sum',
      cost_per_request: 'sum',
      total_cost_dod: 'sum',
      request_volume: 'sum',
      overhead_cost: 'sum',
      failed_cost: 'sum',
    },
  },
  lagDays: 3,
  queryParams(_config, window) {
    // total_cost_dod compares each day with the one before, so the earliest returned day
    // needs its previous day read too.
    return { scan_start: { type: 'DATE', value: addDays(window.start, -1) } };
  },
  // Routing (DOMAINS.md): api alerts go to the API team, studio alerts to the Studio team.
  criticalAction(seriesKey) {
    if (seriesKey === 'api') return 'alert the API team';
    if (seriesKey === 'studio') return 'alert the Studio team';
    return undefined;
  },
};
