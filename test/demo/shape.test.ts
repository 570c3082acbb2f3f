import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate, isWeekend, type IsoDate } from '../../src/dates/iso-date.js';
import { DEMO_HEAVY_MIN_TOKENS_28D, DEMO_TABLES } from '../../src/demo/constants.js';
import { rows, scalar, tempWarehouse, type TempWarehouse } from './helpers/temp-warehouse.js';

// An end date on a Sunday, so that the window is not aligned like the other test files'.
const options = { seed: 1, days: 120, end: isoDate('2026-03-15') };

describe('demo warehouse shape', () => {
  let demo: TempWarehouse;
  beforeAll(async () => {
    demo = await tempWarehouse(options);
  });
  afterAll(() => demo?.dispose());

  it('fills every table and covers exactly the requested days', async () => {
    for (const table of DEMO_TABLES) expect(demo.summary.rowCounts[table], table).toBeGreaterThan(0);
    for (const table of ['usage_daily', 'subscription_events', 'subscriptions_daily', 'gpu_cost', 'api_requests']) {
      const [span] = await rows(demo.connection, `SELECT count(DISTINCT dt) AS days, CAST(min(dt) AS VARCHAR) AS first, CAST(max(dt) AS VARCHAR) AS last FROM ${table}`);
      expect(span, table).toEqual({ days: 120n, first: '2025-11-16', last: '2026-03-15' });
    }
  });

  it('has thousands of daily active users, fewer at the weekend', async () => {
    const daily = await rows(demo.connection, `
      SELECT CAST(dt AS VARCHAR) AS dt, count(DISTINCT user_id) AS dau FROM usage_daily WHERE NOT is_internal GROUP BY 1`);
    const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
    const weekday = daily.filter((d) => !isWeekend(d['dt'] as IsoDate)).map((d) => Number(d['dau']));
    const weekend = daily.filter((d) => isWeekend(d['dt'] as IsoDate)).map((d) => Number(d['dau']));
    expect(mean(weekday)).toBeGreaterThan(5_000);
    expect(mean(weekday)).toBeLessThan(8_000);
    expect(mean(weekend) / mean(weekday)).toBeGreaterThan(0.6);
    expect(mean(weekend) / mean(weekday)).toBeLessThan(0.85);
    expect(await scalar(demo.connection, 'SELECT count(DISTINCT user_id) FROM usage_daily')).toBeGreaterThan(25_000);
  });

  it('keeps enterprise weekend activity near 18 % of weekday', async () => {
    const [ratio] = await rows(demo.connection, `
      WITH daily AS (
        SELECT u.dt, isodow(u.dt) >= 6 AS weekend, count(DISTINCT u.user_id) AS dau
        FROM usage_daily u JOIN enterprise_orgs o ON o.org_id = u.org_id
        WHERE NOT o.excluded AND NOT u.is_internal GROUP BY ALL)
      SELECT avg(dau) FILTER (weekend) / avg(dau) FILTER (NOT weekend) AS r FROM daily`);
    expect(Number(ratio?.['r'])).toBeGreaterThan(0.12);
    expect(Number(ratio?.['r'])).toBeLessThan(0.25);
  });

  it('has a believable enterprise roster', async () => {
    const [roster] = await rows(demo.connection, `
      SELECT count(*) AS orgs, count(*) FILTER (enterprise_type = 'contract' AND NOT excluded) AS contract,
             count(*) FILTER (enterprise_type = 'pilot' AND NOT excluded) AS pilot, count(*) FILTER (excluded) AS excluded,
             min(seats) AS min_seats, max(seats) AS max_seats, count(DISTINCT org_name) AS names, count(DISTINCT org_id) AS ids,
             min(monthly_token_quota) AS min_quota
      FROM enterprise_orgs`);
    expect(Number(roster?.['orgs'])).toBeGreaterThanOrEqual(30);
    expect(Number(roster?.['orgs'])).toBeLessThanOrEqual(50);
    expect(roster).toMatchObject({ contract: 28n, pilot: 10n, excluded: 2n, names: 40n, ids: 40n });
    expect(Number(roster?.['min_seats'])).toBeGreaterThanOrEqual(10);
    expect(Number(roster?.['max_seats'])).toBeLessThanOrEqual(300);
    expect(Number(roster?.['min_quota'])).toBeGreaterThan(0);
    // Every org user belongs to a listed org.
    expect(await scalar(demo.connection, `
      SELECT count(*) FROM usage_daily u WHERE u.org_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM enterprise_orgs o WHERE o.org_id = u.org_id)`)).toBe(0);
  });

  it('marks about 1 % of users internal, in every table', async () => {
    const internalShare = await scalar(demo.connection, `
      SELECT count(DISTINCT user_id) FILTER (is_internal) / count(DISTINCT user_id) FROM usage_daily`);
    expect(internalShare).toBeGreaterThan(0.005);
    expect(internalShare).toBeLessThan(0.02);
    for (const table of DEMO_TABLES.filter((t) => t !== 'enterprise_orgs')) {
      expect(await scalar(demo.connection, `SELECT count(*) FROM ${table} WHERE is_internal`), table).toBeGreaterThan(0);
    }
  });

  it('has a few hundred Heavy users, mostly on paid tiers', async () => {
    const [heavy] = await rows(demo.connection, `
      WITH windowed AS (
        SELECT user_id, tier, dt, sum(tokens_consumed) OVER (PARTITION BY user_id ORDER BY dt
          RANGE BETWEEN INTERVAL 27 DAYS PRECEDING AND CURRENT ROW) AS tokens_28d
        FROM usage_daily WHERE NOT is_internal)
      SELECT count(DISTINCT user_id) AS users,
             count(DISTINCT user_id) FILTER (tier IN ('lite', 'standard', 'pro')) AS paid
      FROM windowed WHERE dt = DATE '2026-03-15' AND tokens_28d >= ${DEMO_HEAVY_MIN_TOKENS_28D}`);
    const users = Number(heavy?.['users']);
    expect(users).toBeGreaterThan(100);
    expect(users).toBeLessThan(600);
    expect(Number(heavy?.['paid']) / users).toBeGreaterThan(0.5);
  });

  it('attributes idle and overhead onto inference rows without inventing cost', async () => {
    const days = await rows(demo.connection, `
      SELECT dt, vertical,
             sum(row_cost) FILTER (cost_category = 'idle') AS idle,
             sum(attributed_idle_cost) FILTER (cost_category = 'inference') AS attributed_idle,
             sum(row_cost) FILTER (cost_category = 'overhead') AS overhead,
             sum(attributed_overhead_cost) FILTER (cost_category = 'inference') AS attributed_overhead,
             count(*) FILTER (cost_category <> 'inference' AND (attributed_idle_cost IS NOT NULL OR requests IS NOT NULL OR result IS NOT NULL)) AS stray
      FROM gpu_cost GROUP BY ALL`);
    expect(days).toHaveLength(2 * 120);
    for (const day of days) {
      expect(Number(day['attributed_idle'])).toBeCloseTo(Number(day['idle']), 4);
      expect(Number(day['attributed_overhead'])).toBeCloseTo(Number(day['overhead']), 4);
      expect(day['stray']).toBe(0n);
    }
    const perDay = await scalar(demo.connection, 'SELECT count(*) / count(DISTINCT dt) FROM gpu_cost');
    expect(perDay).toBeGreaterThan(100);
    expect(perDay).toBeLessThan(1_000);
  });

  it('keeps the subscription snapshot consistent with the events', async () => {
    // Day over day, active subscriptions move by new − cancellations (upgrades only relabel).
    const mismatches = await scalar(demo.connection, `
      WITH active AS (SELECT dt, count(*) AS n FROM subscriptions_daily GROUP BY dt),
           flows AS (SELECT dt, count(*) FILTER (event_type = 'new') - count(*) FILTER (event_type = 'cancellation') AS net
                     FROM subscription_events GROUP BY dt)
      SELECT count(*) FROM active a JOIN active p ON p.dt = a.dt - 1 JOIN flows f ON f.dt = a.dt
      WHERE a.n - p.n <> f.net`);
    expect(mismatches).toBe(0);
    const active = await scalar(demo.connection, "SELECT count(*) FROM subscriptions_daily WHERE dt = DATE '2026-03-15' AND NOT is_internal");
    expect(active).toBeGreaterThan(2_000);
    const eventsPerDay = await scalar(demo.connection, "SELECT count(*) / count(DISTINCT dt) FROM subscription_events WHERE event_type <> 'renewal'");
    expect(eventsPerDay).toBeGreaterThan(10);
    expect(eventsPerDay).toBeLessThan(100);
    // A subscriber's usage rows carry the tier of their subscription that day.
    const tierMismatch = await scalar(demo.connection, `
      SELECT count(*) FROM usage_daily u JOIN subscriptions_daily s ON s.user_id = u.user_id AND s.dt = u.dt
      WHERE u.tier <> s.tier`);
    expect(tierMismatch).toBe(0);
  });

  it('logs API requests with consistent results, error sources and latencies', async () => {
    const [api] = await rows(demo.connection, `
      SELECT count(*) / count(DISTINCT dt) AS per_day, count(DISTINCT endpoint) AS endpoints,
             count(*) FILTER ((result = 'success') <> (error_source IS NULL)) AS inconsistent,
             count(*) FILTER (processing_ms < inference_ms + queue_ms) AS impossible_latency,
             count(*) FILTER (CAST(request_ts AS DATE) <> dt) AS wrong_day,
             count(DISTINCT request_id) = count(*) AS unique_ids
      FROM api_requests`);
    expect(Number(api?.['per_day'])).toBeGreaterThan(2_500);
    expect(Number(api?.['per_day'])).toBeLessThan(6_000);
    expect(Number(api?.['endpoints'])).toBeGreaterThanOrEqual(4);
    expect(api).toMatchObject({ inconsistent: 0n, impossible_latency: 0n, wrong_day: 0n, unique_ids: true });
  });
});
