import type { DuckDBConnection } from '@duckdb/node-api';
import { isoDate, type IsoDate } from '../../../src/dates/iso-date.js';
import { DEMO_HEAVY_MIN_TOKENS_28D } from '../../../src/demo/constants.js';

/** One metric of one series by date, as a detector would read it. */
export type Series = Map<IsoDate, number>;

/**
 * Daily usage per segment, with the segment rule of DOMAINS.md written independently
 * of the generator (window function over the data actually written).
 */
const USAGE_SEGMENTS_SQL = `
  WITH rows AS (
    SELECT u.*, o.enterprise_type, coalesce(o.excluded, TRUE) AS org_excluded,
           sum(u.tokens_consumed) OVER (PARTITION BY u.user_id ORDER BY u.dt
             RANGE BETWEEN INTERVAL 27 DAYS PRECEDING AND CURRENT ROW) AS tokens_28d
    FROM usage_daily u LEFT JOIN enterprise_orgs o ON o.org_id = u.org_id
    WHERE NOT u.is_internal
  ), segmented AS (
    SELECT *, CASE
      WHEN enterprise_type IS NOT NULL AND NOT org_excluded THEN 'enterprise_' || enterprise_type
      WHEN tokens_28d >= ${DEMO_HEAVY_MIN_TOKENS_28D} THEN 'heavy'
      WHEN tier IN ('lite', 'standard', 'pro') THEN 'paying'
      ELSE 'free' END AS segment
    FROM rows
  )
  SELECT CAST(dt AS VARCHAR) AS dt, segment, count(DISTINCT user_id)::DOUBLE AS dau,
         sum(image_generations)::DOUBLE AS image_generations, sum(video_generations)::DOUBLE AS video_generations,
         sum(tokens_consumed)::DOUBLE AS tokens
  FROM segmented GROUP BY ALL ORDER BY 1, 2`;

export type UsageTable = Map<string, Map<string, Series>>; // segment → metric → series

export async function usageSegmentSeries(connection: DuckDBConnection): Promise<UsageTable> {
  const reader = await connection.runAndReadAll(USAGE_SEGMENTS_SQL);
  const table: UsageTable = new Map();
  for (const row of reader.getRowObjectsJS()) {
    const segment = String(row['segment']);
    const metrics = table.get(segment) ?? new Map<string, Series>();
    table.set(segment, metrics);
    for (const metric of ['dau', 'image_generations', 'video_generations', 'tokens']) {
      const series = metrics.get(metric) ?? new Map<IsoDate, number>();
      metrics.set(metric, series);
      series.set(isoDate(String(row['dt'])), Number(row[metric]));
    }
  }
  return table;
}

/** A (dt, value) query → series. Dates with no row are absent, as in production. */
export async function querySeries(connection: DuckDBConnection, sql: string, values: string[] = []): Promise<Series> {
  const reader = await connection.runAndReadAll(sql, values);
  const series: Series = new Map();
  for (const [dt, value] of reader.getRowsJS()) series.set(isoDate(String(dt)), Number(value));
  return series;
}

/** The series each injected anomaly's (domain, series, metric) names, computed in SQL. */
export async function anomalySeries(connection: DuckDBConnection, domain: string, seriesKey: string, metric: string, usage: UsageTable): Promise<Series> {
  const key = `${domain}/${metric}`;
  switch (key) {
    case 'usage/dau':
    case 'usage/image_generations':
    case 'usage/video_generations':
    case 'usage/tokens':
      return usage.get(seriesKey)?.get(metric) ?? new Map();
    case 'enterprise/dau':
      // Every date of the window, 0 when the org had no active user (silence is the signal).
      return querySeries(connection, `
        SELECT CAST(d.dt AS VARCHAR), count(DISTINCT u.user_id)
        FROM (SELECT DISTINCT dt FROM usage_daily) d
        LEFT JOIN (SELECT u.dt, u.user_id FROM usage_daily u JOIN enterprise_orgs o ON o.org_id = u.org_id
                   WHERE o.org_name = $1 AND NOT u.is_internal) u ON u.dt = d.dt
        GROUP BY 1 ORDER BY 1`, [seriesKey]);
    case 'gpu-cost/idle_cost':
      return querySeries(connection, `
        SELECT CAST(dt AS VARCHAR), sum(row_cost) FROM gpu_cost
        WHERE vertical = $1 AND cost_category = 'idle' AND NOT is_internal GROUP BY 1 ORDER BY 1`, [seriesKey]);
    case 'revenue/cancellations':
      return querySeries(connection, `
        SELECT CAST(d.dt AS VARCHAR), count(e.user_id)
        FROM (SELECT DISTINCT dt FROM subscription_events) d
        LEFT JOIN subscription_events e ON e.dt = d.dt AND e.event_type = 'cancellation' AND e.tier = $1 AND NOT e.is_internal
        GROUP BY 1 ORDER BY 1`, [seriesKey]);
    case 'api-runtime/p95_processing_ms':
      return querySeries(connection, `
        SELECT CAST(dt AS VARCHAR), quantile_cont(processing_ms, 0.95) FROM api_requests
        WHERE ($1 = 'total' OR endpoint = $1) AND NOT is_internal GROUP BY 1 ORDER BY 1`, [seriesKey]);
    case 'api-runtime/infra_error_rate':
      return querySeries(connection, `
        SELECT CAST(dt AS VARCHAR), avg(CASE WHEN error_source = 'infrastructure' THEN 1 ELSE 0 END) FROM api_requests
        WHERE ($1 = 'total' OR endpoint = $1) AND NOT is_internal GROUP BY 1 ORDER BY 1`, [seriesKey]);
    default:
      throw new Error(`no test query for ${key}`);
  }
}
