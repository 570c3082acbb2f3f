import { MAGNITUDE, type AnomalyPlan } from './anomaly-plan.js';
import type { ApiCustomer } from './api-customers.js';
import type { DemoCalendar } from './calendar.js';
import {
  ENDPOINTS, PROCESS_VIDEO_RENDER, RESULT_FAILED, RESULT_SUCCESS, RESULT_TIMEOUT, STUDIO_PROCESSES,
  modelIndex, processIndex,
} from './catalog.js';
import { flagColumn, floatColumn, intColumn } from './columns.js';
import { attributeSharedCosts } from './gpu-attribution.js';
import { Rng } from './rng.js';

export const VERTICAL_API = 0;
export const VERTICAL_STUDIO = 1;
export const VERTICALS = ['api', 'studio'] as const;
export const CATEGORY_INFERENCE = 0;
export const CATEGORY_IDLE = 1;
export const CATEGORY_OVERHEAD = 2;
export const CATEGORY_UNUSED = 3;
export const COST_CATEGORIES = ['inference', 'idle', 'overhead', 'unused'] as const;

/** API GPU requests a day at the end of the window (the api_requests table is a sample of these). */
const API_REQUESTS_PER_DAY = 250_000;
const API_WEEKLY = [0, 1.0, 1.02, 1.02, 1.0, 0.96, 0.72, 0.7];
const STUDIO_WEEKLY = [0, 1.0, 1.0, 1.0, 1.0, 0.97, 0.85, 0.85];
const DAILY_GROWTH = 0.0004;
/** Idle capacity as a share of a model pool's weekday inference cost (API pools). */
const API_IDLE_SHARE = 0.3;
/** A failed request stops part-way; a timeout ran to the limit and then some. */
const FAILED_COST_FACTOR = 0.35;
const TIMEOUT_COST_FACTOR = 1.6;
const OVERHEAD_PER_DAY = [380, 260];
const UNUSED_PER_DAY = [400, 250];

export type GpuCostRows = ReturnType<typeof gpuColumns>;

const gpuColumns = (capacity: number) => ({
  day: intColumn(capacity), vertical: intColumn(capacity), category: intColumn(capacity),
  endpoint: intColumn(capacity), model: intColumn(capacity), customer: intColumn(capacity),
  process: intColumn(capacity), result: intColumn(capacity), requests: intColumn(capacity),
  rowCost: floatColumn(capacity), attributedIdle: floatColumn(capacity), attributedOverhead: floatColumn(capacity),
  internal: flagColumn(capacity),
});

/** The dimensions of a row; absent ones are stored as −1 (NULL in the table). */
interface RowKey {
  vertical: number;
  category: number;
  endpoint: number;
  model: number;
  customer: number;
  process: number;
  internal: boolean;
}

const rowKey = (vertical: number, category: number, dims: Partial<Omit<RowKey, 'vertical' | 'category'>> = {}): RowKey => ({
  vertical, category, endpoint: dims.endpoint ?? -1, model: dims.model ?? -1, customer: dims.customer ?? -1,
  process: dims.process ?? -1, internal: dims.internal ?? false,
});

/**
 * gpu_cost: per vertical and day, inference rows (by endpoint × model × customer ×
 * result for the API, process × model × result for Studio), idle rows per GPU pool
 * (API: model, Studio: process), one overhead and one unused-commitment row. Idle and
 * overhead are then attributed onto the inference rows, so both readings of the spec
 * (infrastructure cost vs fully loaded inference cost) add up.
 */
export function generateGpuCost(seed: number, calendar: DemoCalendar, customers: readonly ApiCustomer[], plan: AnomalyPlan): GpuCostRows {
  const rng = new Rng(seed, 'gpu-cost');
  const rows = gpuColumns(calendar.days * 400);
  const push = (day: number, key: RowKey, result: number, requests: number, cost: number): void => {
    rows.day.push(day);
    rows.vertical.push(key.vertical);
    rows.category.push(key.category);
    rows.endpoint.push(key.endpoint);
    rows.model.push(key.model);
    rows.customer.push(key.customer);
    rows.process.push(key.process);
    rows.result.push(result);
    rows.requests.push(requests);
    rows.rowCost.push(Math.round(cost * 10_000) / 10_000);
    rows.attributedIdle.push(0);
    rows.attributedOverhead.push(0);
    rows.internal.push(key.internal ? 1 : 0);
  };
  /** Success, failed and timeout rows of one inference key (each only if it has requests). */
  const pushInference = (day: number, key: RowKey, count: number, failureRate: number, timeoutRate: number, unitCost: number): void => {
    const failed = rng.binomial(count, failureRate);
    const timeouts = rng.binomial(count - failed, timeoutRate);
    const succeeded = count - failed - timeouts;
    if (succeeded > 0) push(day, key, RESULT_SUCCESS, succeeded, succeeded * unitCost * rng.wobble(0.02));
    if (failed > 0) push(day, key, RESULT_FAILED, failed, failed * unitCost * FAILED_COST_FACTOR * rng.wobble(0.02));
    if (timeouts > 0) push(day, key, RESULT_TIMEOUT, timeouts, timeouts * unitCost * TIMEOUT_COST_FACTOR * rng.wobble(0.02));
  };

  for (let day = 0; day < calendar.days; day++) {
    const firstRow = rows.day.length;
    const weekday = calendar.weekday(day);
    const trend = Math.exp(DAILY_GROWTH * (day - calendar.lastIndex));
    const weekendIdle = calendar.isWeekend(day) ? 1.2 : 1;

    const apiTotal = API_REQUESTS_PER_DAY * (API_WEEKLY[weekday] ?? 1) * trend * rng.wobble(0.03);
    ENDPOINTS.forEach((endpoint, endpointCode) => {
      const endpointRequests = apiTotal * endpoint.share * rng.wobble(0.04);
      const failureWobble = rng.wobble(0.08);
      for (const model of endpoint.models) {
        const unitCost = model.costPerRequest * rng.wobble(0.03);
        customers.forEach((customer, customerCode) => {
          const count = Math.round(endpointRequests * model.share * customer.weight * rng.wobble(0.08));
          if (count <= 0) return;
          const key = rowKey(VERTICAL_API, CATEGORY_INFERENCE, { endpoint: endpointCode, model: modelIndex(model.name), customer: customerCode, internal: customer.internal });
          const failureRate = (endpoint.applicativeErrorRate + endpoint.infraErrorRate) * failureWobble;
          pushInference(day, key, count, failureRate, endpoint.timeoutRate * failureWobble, unitCost);
        });
      }
    });
    // One GPU pool per API model (each model serves one endpoint), sized for weekday peaks.
    ENDPOINTS.forEach((endpoint, endpointCode) => {
      for (const model of endpoint.models) {
        const weekdayCost = API_REQUESTS_PER_DAY * endpoint.share * model.share * model.costPerRequest * trend;
        const key = rowKey(VERTICAL_API, CATEGORY_IDLE, { endpoint: endpointCode, model: modelIndex(model.name) });
        push(day, key, -1, -1, API_IDLE_SHARE * weekdayCost * weekendIdle * rng.wobble(0.05));
      }
    });

    const studioFactor = (STUDIO_WEEKLY[weekday] ?? 1) * trend * rng.wobble(0.03);
    STUDIO_PROCESSES.forEach((process, processCode) => {
      const jobs = process.jobsPerDay * studioFactor * rng.wobble(0.04);
      const failureWobble = rng.wobble(0.08);
      for (const model of process.models) {
        const key = rowKey(VERTICAL_STUDIO, CATEGORY_INFERENCE, { process: processCode, model: modelIndex(model.name) });
        const unitCost = model.costPerRequest * rng.wobble(0.03);
        pushInference(day, key, Math.round(jobs * model.share), process.failureRate * failureWobble, process.timeoutRate * failureWobble, unitCost);
      }
    });
    const studioIdle = STUDIO_PROCESSES.map((process) => process.idleCostPerDay * trend * (calendar.isWeekend(day) ? 1.15 : 1) * rng.wobble(0.05));
    if (day === plan.days.studioIdleSpike) scaleOnePool(studioIdle, processIndex(PROCESS_VIDEO_RENDER), MAGNITUDE.studioIdle);
    studioIdle.forEach((cost, processCode) => push(day, rowKey(VERTICAL_STUDIO, CATEGORY_IDLE, { process: processCode }), -1, -1, cost));

    for (const vertical of [VERTICAL_API, VERTICAL_STUDIO]) {
      push(day, rowKey(vertical, CATEGORY_OVERHEAD), -1, -1, (OVERHEAD_PER_DAY[vertical] ?? 0) * trend * rng.wobble(0.03));
      push(day, rowKey(vertical, CATEGORY_UNUSED), -1, -1, (UNUSED_PER_DAY[vertical] ?? 0) * rng.wobble(0.02));
    }
    attributeSharedCosts(rows, firstRow, rows.day.length);
  }
  return rows;
}

/** Raises one pool so that the pools' total becomes `factor` × what it was. */
function scaleOnePool(costs: number[], pool: number, factor: number): void {
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  costs[pool] = (costs[pool] ?? 0) + (factor - 1) * total;
}
