/**
 * The demo product's fixed catalogue: tiers and prices, API endpoints and models,
 * Studio processes. Shared by the usage, revenue, GPU-cost and API generators so that
 * names agree across tables. Index positions are the codes used in staging tables.
 */

export const TIERS = ['free', 'lite', 'standard', 'pro', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_FREE = 0;
export const TIER_LITE = 1;
export const TIER_STANDARD = 2;
export const TIER_PRO = 3;
export const TIER_ENTERPRISE = 4;

export function isPaidTier(code: number): boolean {
  return code >= TIER_LITE && code <= TIER_PRO;
}

/** Monthly price (= MRR) per tier code. */
export const TIER_PRICE_USD: readonly number[] = [0, 12, 30, 60, 0];

export const SUBSCRIPTION_EVENT_TYPES = ['new', 'renewal', 'cancellation', 'refund', 'upgrade', 'downgrade'] as const;
export const EVENT_NEW = 0;
export const EVENT_RENEWAL = 1;
export const EVENT_CANCELLATION = 2;
export const EVENT_REFUND = 3;
export const EVENT_UPGRADE = 4;
export const EVENT_DOWNGRADE = 5;

export const RESULTS = ['success', 'failed', 'timeout'] as const;
export const RESULT_SUCCESS = 0;
export const RESULT_FAILED = 1;
export const RESULT_TIMEOUT = 2;

export const ERROR_SOURCES = ['infrastructure', 'applicative'] as const;

export interface ModelSpec {
  name: string;
  /** Share of the endpoint's (or process's) requests. */
  share: number;
  /** GPU cost of one successful request, USD. */
  costPerRequest: number;
}

export interface EndpointSpec {
  name: string;
  /** Share of API requests. */
  share: number;
  models: ModelSpec[];
  resolutions: { name: string; share: number }[];
  /** Median and log-sigma of model inference time. */
  inferenceMedianMs: number;
  inferenceSigma: number;
  timeoutMs: number;
  applicativeErrorRate: number;
  infraErrorRate: number;
  timeoutRate: number;
}

export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    name: '/v1/images', share: 0.35, inferenceMedianMs: 2_600, inferenceSigma: 0.35, timeoutMs: 60_000,
    applicativeErrorRate: 0.014, infraErrorRate: 0.004, timeoutRate: 0.002,
    models: [{ name: 'img-xl-2', share: 0.6, costPerRequest: 0.011 }, { name: 'img-turbo-1', share: 0.4, costPerRequest: 0.004 }],
    resolutions: [{ name: '1024x1024', share: 0.6 }, { name: '512x512', share: 0.25 }, { name: '2048x2048', share: 0.15 }],
  },
  {
    name: '/v1/chat', share: 0.3, inferenceMedianMs: 900, inferenceSigma: 0.55, timeoutMs: 30_000,
    applicativeErrorRate: 0.01, infraErrorRate: 0.003, timeoutRate: 0.001,
    models: [{ name: 'chat-70b', share: 0.45, costPerRequest: 0.003 }, { name: 'chat-8b', share: 0.55, costPerRequest: 0.0006 }],
    resolutions: [{ name: 'n/a', share: 1 }],
  },
  {
    name: '/v1/embeddings', share: 0.15, inferenceMedianMs: 60, inferenceSigma: 0.4, timeoutMs: 10_000,
    applicativeErrorRate: 0.004, infraErrorRate: 0.002, timeoutRate: 0.0005,
    models: [{ name: 'embed-v3', share: 1, costPerRequest: 0.00005 }],
    resolutions: [{ name: 'n/a', share: 1 }],
  },
  {
    name: '/v1/upscale', share: 0.12, inferenceMedianMs: 1_500, inferenceSigma: 0.3, timeoutMs: 60_000,
    applicativeErrorRate: 0.012, infraErrorRate: 0.004, timeoutRate: 0.002,
    models: [{ name: 'upscale-x4', share: 1, costPerRequest: 0.006 }],
    resolutions: [{ name: '2x', share: 0.55 }, { name: '4x', share: 0.45 }],
  },
  {
    name: '/v1/video', share: 0.08, inferenceMedianMs: 21_000, inferenceSigma: 0.3, timeoutMs: 300_000,
    applicativeErrorRate: 0.02, infraErrorRate: 0.006, timeoutRate: 0.004,
    models: [{ name: 'vid-gen-3', share: 0.55, costPerRequest: 0.24 }, { name: 'vid-gen-3-fast', share: 0.45, costPerRequest: 0.11 }],
    resolutions: [{ name: '720p', share: 0.6 }, { name: '1080p', share: 0.4 }],
  },
];

export interface StudioProcessSpec {
  name: string;
  jobsPerDay: number;
  failureRate: number;
  timeoutRate: number;
  models: ModelSpec[];
  /** Idle cost of the process's reserved GPU pool, USD per day. */
  idleCostPerDay: number;
}

export const STUDIO_PROCESSES: readonly StudioProcessSpec[] = [
  { name: 'image-gen', jobsPerDay: 60_000, failureRate: 0.012, timeoutRate: 0.002, idleCostPerDay: 160,
    models: [{ name: 'img-xl-2', share: 0.7, costPerRequest: 0.011 }, { name: 'img-turbo-1', share: 0.3, costPerRequest: 0.004 }] },
  { name: 'video-render', jobsPerDay: 6_000, failureRate: 0.02, timeoutRate: 0.006, idleCostPerDay: 450,
    models: [{ name: 'vid-gen-3', share: 1, costPerRequest: 0.26 }] },
  { name: 'upscale', jobsPerDay: 15_000, failureRate: 0.01, timeoutRate: 0.002, idleCostPerDay: 30,
    models: [{ name: 'upscale-x4', share: 1, costPerRequest: 0.006 }] },
  { name: 'train-lora', jobsPerDay: 1_400, failureRate: 0.045, timeoutRate: 0.01, idleCostPerDay: 360,
    models: [{ name: 'lora-trainer-xl', share: 1, costPerRequest: 0.85 }] },
];

export const ENDPOINT_VIDEO = '/v1/video';
export const ENDPOINT_IMAGES = '/v1/images';
export const PROCESS_VIDEO_RENDER = 'video-render';

export function endpointIndex(name: string): number {
  const index = ENDPOINTS.findIndex((endpoint) => endpoint.name === name);
  if (index < 0) throw new RangeError(`unknown endpoint ${name}`);
  return index;
}

export function processIndex(name: string): number {
  const index = STUDIO_PROCESSES.findIndex((process) => process.name === name);
  if (index < 0) throw new RangeError(`unknown studio process ${name}`);
  return index;
}

/** Every model name, API and Studio; the index is the model code in staging tables. */
export const MODEL_NAMES: readonly string[] = [
  ...new Set([...ENDPOINTS.flatMap((e) => e.models.map((m) => m.name)), ...STUDIO_PROCESSES.flatMap((p) => p.models.map((m) => m.name))]),
];

export const RESOLUTION_NAMES: readonly string[] = [...new Set(ENDPOINTS.flatMap((e) => e.resolutions.map((r) => r.name)))];

export function modelIndex(name: string): number {
  const index = MODEL_NAMES.indexOf(name);
  if (index < 0) throw new RangeError(`unknown model ${name}`);
  return index;
}
