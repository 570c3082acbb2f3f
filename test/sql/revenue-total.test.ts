import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGICAL_TABLES, type LogicalTable } from '../../src/config/schema.js';
import { isoDate } from '../../src/dates/iso-date.js';
import { buildDomainSeries } from '../../src/domains/daily-series.js';
import { revenueDomain } from '../../src/domains/revenue.js';
import { readSqlFile } from '../../src/domains/sql-file.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';

/**
 * sql/revenue.sql gives each tier and the total from one aggregation (GROUP BY ROLLUP): the
 * total is the subtotal over the tiers, not a second copy of every row. Checked on a
 * hand-made warehouse where the total is not the sum of the tiers (a user in two tiers'
 * snapshots on one day is one active subscription of the total), with a snapshot loaded
 * twice, internal rows, and a day whose rows have no tier.
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

let dir: string;
let warehouse: Warehouse;
let rows: Row[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-revenue-total-'));
  const path = join(dir, 'revenue.duckdb');
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE subscription_events AS SELECT CAST(dt AS DATE) AS dt, user_id, event_type, tier, amount_usd, is_internal
    FROM (VALUES ${EVENTS}) t(dt, user_id, event_type, tier, amount_usd, is_internal)`);
  await connection.run(`CREATE TABLE subscriptions_daily AS SELECT CAST(dt AS DATE) AS dt, user_id, tier, mrr_usd, is_internal
    FROM (VALUES ${SNAPSHOT}) t(dt, user_id, tier, mrr_usd, is_internal)`);
  connection.closeSync();
  instance.closeSync();
  warehouse = await openDuckDBWarehouse(path, Object.fromEntries(LOGICAL_TABLES.map((t) => [t, t])) as Record<LogicalTable, string>);
  rows = await warehouse.query({
    name: 'revenue.sql',
    sql: readSqlFile('revenue.sql'),
    params: { start_date: { type: 'DATE', value: isoDate('2026-03-01') }, end_date: { type: 'DATE', value: isoDate('2026-03-03') } },
    labels: {},
  });
});

afterAll(async () => {
  await warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (dt: string, series: string): Row | undefined => rows.find((r) => r['dt'] === dt && r['series'] === series);

describe('sql/revenue.sql: the tiers and their total from one aggregation', () => {
  it('gives one row per day and tier, and one total per day: no row for the days together', () => {
    expect(rows.map((r) => `${String(r['dt'])} ${String(r['series'])}`)).toEqual([
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
