import { PackedLayout } from './packing.js';

/**
 * The demo warehouse's tables, column for column as DOMAINS.md names them. Generators
 * stage compact numeric codes in temporary tables; the INSERT … SELECT statements below
 * turn codes into names (bound lists, 1-based) and day numbers into dates (bound start
 * date), which is far faster than sending millions of strings through the client.
 */

export const DDL = {
  enterprise_orgs: `CREATE TABLE enterprise_orgs (
    org_id VARCHAR NOT NULL, org_name VARCHAR NOT NULL, enterprise_type VARCHAR NOT NULL,
    seats INTEGER NOT NULL, monthly_token_quota BIGINT NOT NULL, excluded BOOLEAN NOT NULL)`,
  usage_daily: `CREATE TABLE usage_daily (
    dt DATE NOT NULL, user_id VARCHAR NOT NULL, org_id VARCHAR, tier VARCHAR NOT NULL,
    tokens_consumed BIGINT NOT NULL, image_generations INTEGER NOT NULL, video_generations INTEGER NOT NULL,
    is_internal BOOLEAN NOT NULL)`,
  subscription_events: `CREATE TABLE subscription_events (
    dt DATE NOT NULL, user_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL, tier VARCHAR NOT NULL,
    amount_usd DOUBLE NOT NULL, is_internal BOOLEAN NOT NULL)`,
  subscriptions_daily: `CREATE TABLE subscriptions_daily (
    dt DATE NOT NULL, user_id VARCHAR NOT NULL, tier VARCHAR NOT NULL, mrr_usd DOUBLE NOT NULL,
    is_internal BOOLEAN NOT NULL)`,
  gpu_cost: `CREATE TABLE gpu_cost (
    dt DATE NOT NULL, vertical VARCHAR NOT NULL, cost_category VARCHAR NOT NULL, endpoint VARCHAR,
    model VARCHAR, org_name VARCHAR, process VARCHAR, result VARCHAR, requests BIGINT,
    row_cost DOUBLE NOT NULL, attributed_idle_cost DOUBLE, attributed_overhead_cost DOUBLE,
    is_internal BOOLEAN NOT NULL)`,
  api_requests: `CREATE TABLE api_requests (
    dt DATE NOT NULL, request_ts TIMESTAMP NOT NULL, request_id VARCHAR NOT NULL, org_name VARCHAR NOT NULL,
    endpoint VARCHAR NOT NULL, model VARCHAR NOT NULL, resolution VARCHAR NOT NULL, result VARCHAR NOT NULL,
    error_source VARCHAR, processing_ms INTEGER NOT NULL, inference_ms INTEGER NOT NULL, queue_ms INTEGER NOT NULL,
    is_internal BOOLEAN NOT NULL)`,
  demo_meta: `CREATE TABLE demo_meta (
    seed INTEGER NOT NULL, days INTEGER NOT NULL, start_date DATE NOT NULL, end_date DATE NOT NULL,
    generator_version INTEGER NOT NULL)`,
  demo_anomalies: `CREATE TABLE demo_anomalies (
    id VARCHAR NOT NULL, domain VARCHAR NOT NULL, series VARCHAR NOT NULL, metric VARCHAR NOT NULL,
    start_date DATE NOT NULL, end_date DATE NOT NULL, direction VARCHAR NOT NULL, expected_severity VARCHAR NOT NULL,
    magnitude DOUBLE NOT NULL, cause VARCHAR NOT NULL, root_cause_dimension VARCHAR, root_cause_member VARCHAR)`,
} as const;

/** `$1` is always the first generated date; the other parameters are name lists. */
const DAY = 'CAST($1 AS DATE) + CAST(day AS INTEGER)';
/** A bound name list; DuckDB lists are 1-based, so code c is element c + 1. */
const names = (parameter: number): string => `CAST($${parameter} AS VARCHAR[])`;
const nullableName = (list: string, code: string): string => `CASE WHEN ${code} < 0 THEN NULL ELSE ${list}[${code} + 1] END`;
/** Flags are staged as 0/1 bytes. */
const INTERNAL = 'CAST(internal AS BOOLEAN)';

/** usage_daily's small codes, staged packed (day index < 1024 covers DEMO_MAX_DAYS). */
export const USAGE_CODES = new PackedLayout('code', [
  { name: 'day', bits: 10 }, { name: 'org', bits: 6, bias: 1 }, { name: 'tier', bits: 3 }, { name: 'internal', bits: 1 },
]);

/** $2 org ids, $3 tier names. */
export const INSERT_USAGE = `INSERT INTO usage_daily
  SELECT ${DAY}, 'u' || CAST(user_number AS VARCHAR), ${nullableName(names(2), 'org')}, ${names(3)}[tier + 1],
         tokens, images, videos, ${INTERNAL}
  FROM (SELECT ${USAGE_CODES.unpackSql(['user_number', 'tokens', 'images', 'videos'])} FROM stage_usage)`;

/** $2 event types, $3 tier names. */
export const INSERT_SUBSCRIPTION_EVENTS = `INSERT INTO subscription_events
  SELECT ${DAY}, 'u' || CAST(user_number AS VARCHAR), ${names(2)}[event_type + 1], ${names(3)}[tier + 1], amount, ${INTERNAL}
  FROM stage_subscription_events`;

export const SUBSCRIPTIONS_DAILY_CODES = new PackedLayout('code', [{ name: 'day', bits: 10 }, { name: 'tier', bits: 3 }, { name: 'internal', bits: 1 }]);

/** Rows come staged in (dt, user) order, like a daily snapshot job writes them. $2 tier names, $3 MRR by tier. */
export const INSERT_SUBSCRIPTIONS_DAILY = `INSERT INTO subscriptions_daily
  SELECT ${DAY}, 'u' || CAST(user_number AS VARCHAR), ${names(2)}[tier + 1], CAST($3 AS DOUBLE[])[tier + 1], ${INTERNAL}
  FROM (SELECT ${SUBSCRIPTIONS_DAILY_CODES.unpackSql(['user_number'])} FROM stage_subscriptions_daily)`;

/** $2 verticals, $3 categories, $4 endpoints, $5 models, $6 customers, $7 processes, $8 results. */
export const INSERT_GPU_COST = `INSERT INTO gpu_cost
  SELECT ${DAY}, ${names(2)}[vertical + 1], ${names(3)}[category + 1], ${nullableName(names(4), 'endpoint')}, ${nullableName(names(5), 'model')},
         ${nullableName(names(6), 'customer')}, ${nullableName(names(7), 'process')}, ${nullableName(names(8), 'result')},
         CASE WHEN category = 0 THEN CAST(requests AS BIGINT) END, row_cost,
         CASE WHEN category = 0 THEN attributed_idle END, CASE WHEN category = 0 THEN attributed_overhead END, ${INTERNAL}
  FROM stage_gpu_cost`;

export const API_REQUEST_CODES = new PackedLayout('code', [
  { name: 'day', bits: 10 }, { name: 'customer', bits: 4 }, { name: 'endpoint', bits: 3 }, { name: 'model', bits: 4 },
  { name: 'resolution', bits: 3 }, { name: 'result', bits: 2 }, { name: 'error_source', bits: 2, bias: 1 }, { name: 'internal', bits: 1 },
]);

/**
 * $2 customers, $3 endpoints, $4 models, $5 resolutions, $6 results, $7 error sources,
 * $8 request-id prefix per day ('req_YYYYMMDD_'; one list lookup instead of a strftime per row).
 */
export const INSERT_API_REQUESTS = `INSERT INTO api_requests
  SELECT ${DAY}, CAST(${DAY} AS TIMESTAMP) + to_milliseconds(ms_of_day),
         ${names(8)}[day + 1] || lpad(CAST(sequence AS VARCHAR), 5, '0'),
         ${names(2)}[customer + 1], ${names(3)}[endpoint + 1], ${names(4)}[model + 1], ${names(5)}[resolution + 1], ${names(6)}[result + 1],
         ${nullableName(names(7), 'error_source')}, processing_ms, inference_ms, queue_ms, ${INTERNAL}
  FROM (SELECT ${API_REQUEST_CODES.unpackSql(['sequence', 'ms_of_day', 'processing_ms', 'inference_ms', 'queue_ms'])} FROM stage_api_requests)`;
