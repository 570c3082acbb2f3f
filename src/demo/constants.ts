/**
 * Numbers other modules (config defaults, tests) agree on with the demo generator.
 */

/** Default `segments.heavy.minTokens28d`: a user whose 28-day tokens reach this is Heavy. */
export const DEMO_HEAVY_MIN_TOKENS_28D = 5_000_000;

/** Window of the Heavy rule, in days, the target day included. */
export const DEMO_HEAVY_WINDOW_DAYS = 28;

/** Bumped whenever the same options would produce different data; stored in demo_meta. */
export const DEMO_GENERATOR_VERSION = 1;

/**
 * Injected anomalies need 75 days of history (a 10-week baseline plus slack) and are
 * spread over the last ~40 days, so shorter windows cannot hold the ground truth.
 */
export const DEMO_MIN_DAYS = 120;
export const DEMO_MAX_DAYS = 1000;

/** Largest user-population multiplier (`scale`): 64 × 30,000 users, ~60 million usage rows a year. */
export const DEMO_MAX_SCALE = 64;

/** Days of history every injected anomaly has before its first day. */
export const DEMO_MIN_HISTORY_DAYS = 75;

/** The data tables a demo warehouse holds, in the order they are written. */
export const DEMO_TABLES = [
  'enterprise_orgs',
  'usage_daily',
  'subscription_events',
  'subscriptions_daily',
  'gpu_cost',
  'api_requests',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];
