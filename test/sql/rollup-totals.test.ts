import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGICAL_TABLES, type LogicalTable } from '../../src/config/schema.js';
import { isoDate } from '../../src/dates/iso-date.js';
import { buildDomainSeries } from '../../src/domains/daily-series.js';
import { apiRuntimeDomain } from '../../src/domains/api-runtime.js';
import { revenueDomain } from '../../src/domains/revenue.js';
import { readSqlFile } from '../../src/domains/sql-file.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';

/**
 * sql/revenue.sql and sql/api-runtime.sql give each tier (endpoint) and the total from one
 * aggregation (GROUP BY ROLLUP): the total is the subtotal over the tiers, not a second
 * copy of every row. Checked on a hand-made warehouse where the total is not the sum of
 * its parts (a user in two tiers' snapshots on one day is one active subscription of the
 * total; percentiles and distinct requests of the whole API are not those of an
 * endpoint), with rows loaded twice, internal rows, and a day whose rows have no tier
 * (endpoint).
 */
const EVENTS = `
  ('2026-03-01', 'u1', 'new', 'lite', 10.0, FALSE),
  ('2026-03-01', 'u2', 'renewal', 'pro', 30.0, FALSE),
  ('2026-03-01', 'u3', 'refund', 'pro', 5.0, FALSE),
  ('2026-03-01', 'u4', 'upgrade', 'standard', 20.0, FALSE),
  ('2026-03-01', 'u5', 'cancellation', 'lite', NULL, FALSE),
  ('2026-03-01', 'u9', 'new', 'lite', 999.0, TRUE),
  ('2026-03-02', 'u1', 'downgrade', 'lite', 0.0, FALSE),
  ('2026-03-02', 'u6', 'new', 'standard', -1.0, FALSE),
  ('2026-03-03', 'u7', 'new', NULL, 15.0, FALSE)`;
const SNAPSHOT = `
  ('2026-03-01', 'u1', 'lite', 10.0, FALSE),
  ('2026-03-01', 'u2', 'pro', 30.0, FALSE),
  ('2026-03-01', 'u4', 'standard', 20.0, FALSE),
  ('2026-03-01', 'u4', 'pro', 30.0, FALSE),
  ('2026-03-01', 'u9', 'lite', 999.0, TRUE),
  ('2026-03-02', 'u1', 'lite', 10.0, FALSE),
  ('2026-03-02', 'u1', 'lite', 10.0, FALSE),
  ('2026-03-02', 'u2', 'pro', 30.0, FALSE),
  ('2026-03-03', 'u7', NULL, 15.0, FALSE)`;
const REQUESTS = `
  ('2026-03-01', 'r1', 'image', 'success', NULL, 100, 10, 80, FALSE),
  ('2026-03-01', 'r2', 'image', 'error', 'infrastructure', 300, 30, 250, FALSE),
  ('2026-03-01', 'r3', 'video', 'timeout', 'infrastructure', 900, 90, 800, FALSE),
  ('2026-03-01', 'r4', 'video', 'success', NULL, 500, 50, 400, FALSE),
  ('2026-03-01', 'r4', 'video', 'success', NULL, 500, 50, 400, FALSE),
  ('2026-03-01', 'r5', 'chat', 'error', 'applicative', 200, 20, 150, FALSE),
  ('2026-03-01', 'r9', 'chat', 'success', NULL, 99999, 9, 9, TRUE),
  ('2026-03-02', 'r6', 'image', 'success', NULL, 120, 12, 100, FALSE),
  ('2026-03-02', 'r7', NULL, 'success', NULL, 80, 8, 60, FALSE)`;

let dir: string;
let warehouse: Warehouse;
let rows: Row[];
let requests: Row[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-revenue-total-'));
  const path = join(dir, 'revenue.duckdb');
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE subscription_events AS SELECT CAST(dt AS DATE) AS dt, user_id, event_type, tier, amount_usd, is_internal
    FROM (VALUES ${EVENTS}) t(dt, user_id, event_type, tier, amount_usd, is_internal)`);
  await connection.run(`CREATE TABLE subscriptions_daily AS SELECT CAST(dt AS DATE) AS dt, user_id, tier, mrr_usd, is_internal
    FROM (VALUES ${SNAPSHOT}) t(dt, user_id, tier, mrr_usd, is_internal)`);
  await connection.run(`CREATE TABLE api_requests AS SELECT CAST(dt AS DATE) AS dt, request_id, endpoint, result, error_source, processing_ms, queue_ms, inference_ms, is_internal
    FROM (VALUES ${REQUESTS}) t(dt, request_id, endpoint, result, error_source, processing_ms, queue_ms, inference_ms, is_internal)`);
  connection.closeSync();
  instance.closeSync();
  warehouse = await openDuckDBWarehouse(path, Object.fromEntries(LOGICAL_TABLES.map((t) => [t, t])) as Record<LogicalTable, string>);
  const query = async (file: string): Promise<Row[]> =>
    warehouse.query({
      name: file,
      sql: readSqlFile(file),
      params: { start_date: { type: 'DATE', value: isoDate('2026-03-01') }, end_date: { type: 'DATE', value: isoDate('2026-03-03') } },
      labels: {},
    });
  rows = await query('revenue.sql');
  requests = await query('api-runtime.sql');
});

afterAll(async () => {
  await warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each row as "dt key": the days and series a query returned, in its order. */
const keys = (result: readonly Row[], column: string): string[] => result.map((r) => `${String(r['dt'])} ${String(r[column])}`);
const find = (result: readonly Row[], column: string, dt: string, key: string): Row | undefined => result.find((r) => r['dt'] === dt && r[column] === key);
const row = (dt: string, series: string): Row | undefined => find(rows, 'series', dt, series);

describe('sql/revenue.sql: the tiers and their total from one aggregation', () => {
  it('gives one row per day and tier, and one total per day: no row for the days together', () => {
    expect(keys(rows, 'series')).toEqual([
      '2026-03-01 lite',
      '2026-03-01 pro',
      '2026-03-01 standard',
      '2026-03-01 total',
      '2026-03-02 lite',
      '2026-03-02 pro',
      '2026-03-02 standard',
      '2026-03-02 total',
      '2026-03-03 ',
      '2026-03-03 total',
    ]);
  });

  it('sums every tier into the total, leaving out internal rows', () => {
    expect(row('2026-03-01', 'total')).toMatchObject({ revenue: 55, new_subscriptions: 1, cancellations: 1, refunds: 1, refund_amount: 5, upgrades: 1, mrr: 90 });
    expect(row('2026-03-01', 'lite')).toMatchObject({ revenue: 10, new_subscriptions: 1, cancellations: 1, mrr: 10, active_subscriptions: 1 });
    expect(row('2026-03-01', 'pro')).toMatchObject({ revenue: 25, refunds: 1, refund_amount: 5, mrr: 60, active_subscriptions: 2 });
  });

  it('counts a user in two tiers once in the total, and a snapshot loaded twice as duplicates in its tier and the total', () => {
    // u4 is in standard and pro on 03-01: one active subscription each there, one in the total.
    expect(row('2026-03-01', 'total')).toMatchObject({ active_subscriptions: 3, dq_duplicate_snapshot_rows: 1 });
    expect(row('2026-03-01', 'standard')).toMatchObject({ active_subscriptions: 1, dq_duplicate_snapshot_rows: 0 });
    // u1's snapshot row twice on 03-02.
    expect(row('2026-03-02', 'lite')).toMatchObject({ active_subscriptions: 1, dq_duplicate_snapshot_rows: 1, mrr: 20 });
    expect(row('2026-03-02', 'total')).toMatchObject({ active_subscriptions: 2, dq_duplicate_snapshot_rows: 1, mrr: 50 });
    expect(row('2026-03-02', 'standard')).toMatchObject({ dq_bad_amount: 1 });
    expect(row('2026-03-02', 'total')).toMatchObject({ dq_bad_amount: 1 });
  });

  it('never takes rows without a tier for the total: they count in it, and the run stops on them by name', () => {
    expect(row('2026-03-03', 'total')).toMatchObject({ revenue: 15, new_subscriptions: 1, mrr: 15, active_subscriptions: 1 });
    expect(() => buildDomainSeries(revenueDomain, rows)).toThrow(/column series must be a non-empty string \(got ""\)/);
  });
});

const request = (dt: string, endpoint: string): Row | undefined => find(requests, 'endpoint', dt, endpoint);

describe('sql/api-runtime.sql: the endpoints and the whole API from one aggregation', () => {
  it('gives one row per day and endpoint, and one total per day: no row for the days together', () => {
    expect(keys(requests, 'endpoint')).toEqual([
      '2026-03-01 chat',
      '2026-03-01 image',
      '2026-03-01 total',
      '2026-03-01 video',
      '2026-03-02 ',
      '2026-03-02 image',
      '2026-03-02 total',
    ]);
  });

  it('rates, percentiles and duplicates of the total are over every request of the day, internal ones left out', () => {
    expect(request('2026-03-01', 'total')).toMatchObject({
      requests: 6,
      error_rate: 3 / 6,
      infra_error_rate: 2 / 6,
      applicative_error_rate: 1 / 6,
      timeout_rate: 1 / 6,
      p50_processing_ms: 300,
      p99_processing_ms: 900,
      dq_duplicate_requests: 1,
    });
    expect(request('2026-03-01', 'video')).toMatchObject({ requests: 3, p50_processing_ms: 500, dq_duplicate_requests: 1 });
    expect(request('2026-03-01', 'chat')).toMatchObject({ requests: 1, p99_processing_ms: 200, dq_duplicate_requests: 0 });
  });

  it('never takes requests without an endpoint for the total: they count in it, and the run stops on them by name', () => {
    expect(request('2026-03-02', 'total')).toMatchObject({ requests: 2, p95_processing_ms: 120 });
    expect(() => buildDomainSeries(apiRuntimeDomain, requests)).toThrow(/column endpoint must be a non-empty string \(got ""\)/);
  });
});
