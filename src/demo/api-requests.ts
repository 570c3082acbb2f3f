import { MAGNITUDE, type AnomalyPlan } from './anomaly-plan.js';
import type { ApiCustomer } from './api-customers.js';
import type { DemoCalendar } from './calendar.js';
import {
  ENDPOINTS, ENDPOINT_IMAGES, ENDPOINT_VIDEO, RESOLUTION_NAMES, RESULT_FAILED, RESULT_SUCCESS, RESULT_TIMEOUT,
  endpointIndex, modelIndex,
} from './catalog.js';
import { BATCH_ROWS, fullBatches, type RowBuffer } from './columns.js';
import { Rng, cumulative } from './rng.js';

/** Sampled request log: a few thousand rows a day are enough for rates and percentiles. */
const REQUESTS_PER_DAY = 4_000;
const WEEKLY = [0, 1.0, 1.02, 1.02, 1.0, 0.96, 0.72, 0.7];
const DAILY_GROWTH = 0.0004;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;
export const ERROR_SOURCE_INFRASTRUCTURE = 0;
export const ERROR_SOURCE_APPLICATIVE = 1;

/** A batch of api_requests rows, column-oriented: rows 0 … length−1 are filled. */
export interface ApiRequestRows extends RowBuffer {
  day: Int32Array;
  sequence: Int32Array;
  msOfDay: Int32Array;
  customer: Int32Array;
  endpoint: Int32Array;
  model: Int32Array;
  resolution: Int32Array;
  result: Int32Array;
  errorSource: Int32Array;
  processingMs: Int32Array;
  inferenceMs: Int32Array;
  queueMs: Int32Array;
  internal: Uint8Array;
}

const requestRows = (capacity: number): ApiRequestRows => ({
  length: 0,
  day: new Int32Array(capacity), sequence: new Int32Array(capacity), msOfDay: new Int32Array(capacity), customer: new Int32Array(capacity),
  endpoint: new Int32Array(capacity), model: new Int32Array(capacity), resolution: new Int32Array(capacity), result: new Int32Array(capacity),
  errorSource: new Int32Array(capacity), processingMs: new Int32Array(capacity), inferenceMs: new Int32Array(capacity),
  queueMs: new Int32Array(capacity), internal: new Uint8Array(capacity),
});

/**
 * api_requests: one row per request, in time order within each day. Traffic peaks in
 * the European afternoon / American morning; latencies are log-normal per endpoint
 * (queue + inference + a little handling), errors split into infrastructure (GPU,
 * nodes, timeouts) and applicative (bad input, content policy).
 *
 * Yields the rows in order, in batches of BATCH_ROWS (the last one shorter), reusing one
 * buffer: use (or copy) each batch before asking for the next.
 */
export function* generateApiRequests(
  seed: number,
  calendar: DemoCalendar,
  customers: readonly ApiCustomer[],
  plan: AnomalyPlan,
  batchRows = BATCH_ROWS,
): Generator<ApiRequestRows, void, undefined> {
  const rng = new Rng(seed, 'api-requests');
  let rows = requestRows(batchRows + 2 * REQUESTS_PER_DAY);
  const shape: TrafficShape = {
    endpointWeights: cumulative(ENDPOINTS.map((endpoint) => endpoint.share)),
    customerWeights: cumulative(customers.map((customer) => customer.weight)),
    modelWeights: ENDPOINTS.map((endpoint) => cumulative(endpoint.models.map((model) => model.share))),
    resolutionWeights: ENDPOINTS.map((endpoint) => cumulative(endpoint.resolutions.map((resolution) => resolution.share))),
    modelCodes: ENDPOINTS.map((endpoint) => endpoint.models.map((model) => modelIndex(model.name))),
    resolutionCodes: ENDPOINTS.map((endpoint) => endpoint.resolutions.map((resolution) => RESOLUTION_NAMES.indexOf(resolution.name))),
    customerInternal: Uint8Array.from(customers, (customer) => (customer.internal ? 1 : 0)),
  };
  const images = endpointIndex(ENDPOINT_IMAGES);
  const video = endpointIndex(ENDPOINT_VIDEO);
  // Infra errors of the whole API on a normal day (timeouts count as infrastructure).
  const normalInfraRate = ENDPOINTS.reduce((sum, endpoint) => sum + endpoint.share * (endpoint.infraErrorRate + endpoint.timeoutRate), 0);

  for (let day = 0; day < calendar.days; day++) {
    const trend = Math.exp(DAILY_GROWTH * (day - calendar.lastIndex));
    const count = Math.round(REQUESTS_PER_DAY * (WEEKLY[calendar.weekday(day)] ?? 1) * trend * rng.wobble(0.03));
    if (rows.length + count > rows.day.length) rows = grownRows(rows, rows.length + count); // never at the standard volume
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

    rows.length = simulateRequests(rng, day, count, times, shape, {
      queueFactor, latencyFactor, infraFactor, applicativeFactor, infraRate,
    }, rows);
    yield* fullBatches(rows, requestColumns(rows), batchRows);
  }
  if (rows.length > 0) yield rows;
}

const requestColumns = (rows: ApiRequestRows): (Int32Array | Uint8Array)[] => [
  rows.day, rows.sequence, rows.msOfDay, rows.customer, rows.endpoint, rows.model, rows.resolution, rows.result,
  rows.errorSource, rows.processingMs, rows.inferenceMs, rows.queueMs, rows.internal,
];

function grownRows(rows: ApiRequestRows, capacity: number): ApiRequestRows {
  const bigger = requestRows(capacity);
  const from = requestColumns(rows);
  requestColumns(bigger).forEach((column, i) => column.set(from[i]?.subarray(0, rows.length) ?? []));
  bigger.length = rows.length;
  return bigger;
}

/** What the requests of every day draw from: cumulative weights and the codes they map to. */
interface TrafficShape {
  endpointWeights: Float64Array;
  customerWeights: Float64Array;
  modelWeights: Float64Array[];
  resolutionWeights: Float64Array[];
  modelCodes: number[][];
  resolutionCodes: number[][];
  customerInternal: Uint8Array;
}

/** One day's draws per endpoint. */
interface DayConditions {
  queueFactor: number;
  latencyFactor: number[];
  infraFactor: number[];
  applicativeFactor: number[];
  infraRate: number[];
}

/**
 * One day's `count` requests, appended to `rows` from rows.length on; returns the new
 * length. A function of its own so that V8 inlines the random draws into the loop.
 */
function simulateRequests(rng: Rng, day: number, count: number, times: Int32Array, shape: TrafficShape, conditions: DayConditions, rows: ApiRequestRows): number {
  const { endpointWeights, customerWeights, modelWeights, resolutionWeights, modelCodes, resolutionCodes, customerInternal } = shape;
  const { queueFactor, latencyFactor, infraFactor, applicativeFactor, infraRate } = conditions;
  let length = rows.length;
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
    rows.day[length] = day;
    rows.sequence[length] = sequence + 1;
    rows.msOfDay[length] = times[sequence] ?? 0;
    rows.customer[length] = customerCode;
    rows.endpoint[length] = endpointCode;
    rows.model[length] = modelCodes[endpointCode]?.[rng.weightedIndex(modelWeights[endpointCode] ?? ONE_CHOICE)] ?? 0;
    rows.resolution[length] = resolutionCodes[endpointCode]?.[rng.weightedIndex(resolutionWeights[endpointCode] ?? ONE_CHOICE)] ?? 0;
    rows.result[length] = result;
    rows.errorSource[length] = errorSource;
    rows.processingMs[length] = queueMs + Math.max(0, inferenceMs) + handlingMs;
    rows.inferenceMs[length] = Math.max(0, inferenceMs);
    rows.queueMs[length] = queueMs;
    rows.internal[length] = customerInternal[customerCode] ?? 0;
    length++;
  }
  return length;
}

const ONE_CHOICE = new Float64Array(1);

/** Sorted arrival times (ms after midnight UTC): a daytime peak around 15:00 over a flat floor. */
function requestTimes(rng: Rng, count: number): Int32Array {
  const times = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const ms = rng.chance(0.65) ? 15 * MS_PER_HOUR + 3.5 * MS_PER_HOUR * rng.normal() : rng.float() * MS_PER_DAY;
    times[i] = Math.floor(((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
  }
  return times.sort();
}
