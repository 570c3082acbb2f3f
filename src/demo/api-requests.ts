import { MAGNITUDE, type AnomalyPlan } from './anomaly-plan.js';
import type { ApiCustomer } from './api-customers.js';
import type { DemoCalendar } from './calendar.js';
import {
  ENDPOINTS, ENDPOINT_IMAGES, ENDPOINT_VIDEO, RESOLUTION_NAMES, RESULT_FAILED, RESULT_SUCCESS, RESULT_TIMEOUT,
  endpointIndex, modelIndex,
} from './catalog.js';
import { flagColumn, intColumn } from './columns.js';
import { Rng, cumulative } from './rng.js';

/** Sampled request log: a few thousand rows a day are enough for rates and percentiles. */
const REQUESTS_PER_DAY = 4_000;
const WEEKLY = [0, 1.0, 1.02, 1.02, 1.0, 0.96, 0.72, 0.7];
const DAILY_GROWTH = 0.0004;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;
export const ERROR_SOURCE_INFRASTRUCTURE = 0;
export const ERROR_SOURCE_APPLICATIVE = 1;

export type ApiRequestRows = ReturnType<typeof requestColumns>;

const requestColumns = (capacity: number) => ({
  day: intColumn(capacity), sequence: intColumn(capacity), msOfDay: intColumn(capacity), customer: intColumn(capacity),
  endpoint: intColumn(capacity), model: intColumn(capacity), resolution: intColumn(capacity), result: intColumn(capacity),
  errorSource: intColumn(capacity), processingMs: intColumn(capacity), inferenceMs: intColumn(capacity),
  queueMs: intColumn(capacity), internal: flagColumn(capacity),
});

/**
 * api_requests: one row per request, in time order within each day. Traffic peaks in
 * the European afternoon / American morning; latencies are log-normal per endpoint
 * (queue + inference + a little handling), errors split into infrastructure (GPU,
 * nodes, timeouts) and applicative (bad input, content policy).
 */
export function generateApiRequests(seed: number, calendar: DemoCalendar, customers: readonly ApiCustomer[], plan: AnomalyPlan): ApiRequestRows {
  const rng = new Rng(seed, 'api-requests');
  const rows = requestColumns(calendar.days * 4_500);
  const endpointWeights = cumulative(ENDPOINTS.map((endpoint) => endpoint.share));
  const customerWeights = cumulative(customers.map((customer) => customer.weight));
  const modelWeights = ENDPOINTS.map((endpoint) => cumulative(endpoint.models.map((model) => model.share)));
  const resolutionWeights = ENDPOINTS.map((endpoint) => cumulative(endpoint.resolutions.map((resolution) => resolution.share)));
  const modelCodes = ENDPOINTS.map((endpoint) => endpoint.models.map((model) => modelIndex(model.name)));
  const resolutionCodes = ENDPOINTS.map((endpoint) => endpoint.resolutions.map((resolution) => RESOLUTION_NAMES.indexOf(resolution.name)));
  const images = endpointIndex(ENDPOINT_IMAGES);
  const video = endpointIndex(ENDPOINT_VIDEO);
  // Infra errors of the whole API on a normal day (timeouts count as infrastructure).
  const normalInfraRate = ENDPOINTS.reduce((sum, endpoint) => sum + endpoint.share * (endpoint.infraErrorRate + endpoint.timeoutRate), 0);

  for (let day = 0; day < calendar.days; day++) {
    const trend = Math.exp(DAILY_GROWTH * (day - calendar.lastIndex));
    const count = Math.round(REQUESTS_PER_DAY * (WEEKLY[calendar.weekday(day)] ?? 1) * trend * rng.wobble(0.03));
    const times = requestTimes(rng, count);
    const queueFactor = rng.wobble(0.1);
    const latencyFactor = ENDPOINTS.map(() => rng.wobble(0.03));
    const infraFactor = ENDPOINTS.map(() => rng.wobble(0.1));
    const applicativeFactor = ENDPOINTS.map(() => rng.wobble(0.06));
    const infraRate = ENDPOINTS.map((endpoint, code) => endpoint.infraErrorRate * (infraFactor[code] ?? 1));
    if (day === plan.days.infraBurst) {
      // All the extra lands on one endpoint: ×10 infra errors API-wide.
      infraRate[images] = (infraRate[images] ?? 0) + ((MAGNITUDE.infraErrors - 1) * normalInfraRate) / (ENDPOINTS[images]?.share ?? 1);
    }
    if (day === plan.days.videoLatency) latencyFactor[video] = (latencyFactor[video] ?? 1) * MAGNITUDE.videoLatency;

    for (let sequence = 0; sequence < count; sequence++) {
      const endpointCode = rng.weightedIndex(endpointWeights);
      const endpoint = ENDPOINTS[endpointCode];
      if (endpoint === undefined) continue;
      const customerCode = rng.weightedIndex(customerWeights);
      const queueMs = Math.round(rng.logNormal(35, 0.9) * queueFactor);
      let inferenceMs = Math.round(rng.logNormal(endpoint.inferenceMedianMs, endpoint.inferenceSigma) * (latencyFactor[endpointCode] ?? 1));
      const handlingMs = Math.round(rng.logNormal(25, 0.5));
      const u = rng.float();
      const infra = infraRate[endpointCode] ?? 0;
      const timeout = endpoint.timeoutRate * (infraFactor[endpointCode] ?? 1);
      const applicative = endpoint.applicativeErrorRate * (applicativeFactor[endpointCode] ?? 1);
      let result = RESULT_SUCCESS;
      let errorSource = -1;
      if (u < infra) {
        result = RESULT_FAILED;
        errorSource = ERROR_SOURCE_INFRASTRUCTURE;
        inferenceMs = Math.round(inferenceMs * rng.uniform(0.05, 0.6));
      } else if (u < infra + timeout) {
        result = RESULT_TIMEOUT;
        errorSource = ERROR_SOURCE_INFRASTRUCTURE;
        inferenceMs = endpoint.timeoutMs - queueMs - handlingMs + rng.int(0, 400);
      } else if (u < infra + timeout + applicative) {
        // Bad input or a content-policy refusal is caught before most of the GPU work.
        result = RESULT_FAILED;
        errorSource = ERROR_SOURCE_APPLICATIVE;
        inferenceMs = Math.round(inferenceMs * rng.uniform(0.01, 0.1));
      }
      rows.day.push(day);
      rows.sequence.push(sequence + 1);
      rows.msOfDay.push(times[sequence] ?? 0);
      rows.customer.push(customerCode);
      rows.endpoint.push(endpointCode);
      rows.model.push(modelCodes[endpointCode]?.[rng.weightedIndex(modelWeights[endpointCode] ?? new Float64Array(1))] ?? 0);
      rows.resolution.push(resolutionCodes[endpointCode]?.[rng.weightedIndex(resolutionWeights[endpointCode] ?? new Float64Array(1))] ?? 0);
      rows.result.push(result);
      rows.errorSource.push(errorSource);
      rows.processingMs.push(queueMs + Math.max(0, inferenceMs) + handlingMs);
      rows.inferenceMs.push(Math.max(0, inferenceMs));
      rows.queueMs.push(queueMs);
      rows.internal.push(customers[customerCode]?.internal === true ? 1 : 0);
    }
  }
  return rows;
}

/** Sorted arrival times (ms after midnight UTC): a daytime peak around 15:00 over a flat floor. */
function requestTimes(rng: Rng, count: number): Int32Array {
  const times = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const ms = rng.chance(0.65) ? 15 * MS_PER_HOUR + 3.5 * MS_PER_HOUR * rng.normal() : rng.float() * MS_PER_DAY;
    times[i] = Math.floor(((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
  }
  return times.sort();
}
