-- gpu-cost: backend GPU cost per vertical (api, studio), one row per (dt, vertical).
-- BigQuery Standard SQL; runs on DuckDB through src/warehouse/dialect.ts.
--
-- Parameters
--   @scan_start  DATE   first day read: @start_date − 1, so total_cost_dod has the day
--                       before the earliest returned day
--   @start_date  DATE   first day returned (the earliest baseline day)
--   @end_date    DATE   last day returned (the latest target day)
--
-- Two readings of cost, never mixed (DOMAINS.md §2): idle and overhead rows are ALSO
-- spread onto the inference rows as attributed_idle_cost / attributed_overhead_cost.
--   infrastructure (total) cost = SUM(row_cost) over every category;
--   fully loaded inference cost = SUM(row_cost + attributed_*) over inference rows only.
-- Adding the attributed columns to a total over all categories would count idle and
-- overhead twice.
--
-- Metrics: inference_cost is the direct GPU cost of inference rows (so the
-- idle-to-inference ratio compares two disjoint amounts); cost_per_request is fully
-- loaded. failure_rate and failed_cost count result = 'failed' only, as DOMAINS.md words
-- them; timeouts are a separate result (they still count in requests and in cost).
--
-- Data quality (README "Data quality"), counted in the same pass:
--   dq_bad_row_cost     rows whose row_cost is NULL, NaN, ±Infinity or negative: every
--                       cost metric of the day is untrustworthy (NULL would read as 0)
--   dq_bad_attributed   inference rows whose attributed_* is NaN, ±Infinity or negative
--                       (NULL is allowed: nothing attributed): cost_per_request
--   dq_bad_requests     inference rows whose requests is NaN, ±Infinity or negative
--   dq_bad_prev_row_cost  bad row_cost on the day before: total_cost_dod only
-- gpu_cost has no unique row key in the spec, so duplicate rows cannot be told from
-- real repeated attribution rows and are not checked.
WITH vertical_day AS (
  SELECT
    dt,
    vertical,
    SUM(CASE WHEN row_cost IS NULL OR IS_NAN(row_cost) OR IS_INF(row_cost) OR row_cost < 0 THEN 1 ELSE 0 END) AS bad_row_cost,
    SUM(
      CASE WHEN cost_category = 'inference'
        AND (IS_NAN(attributed_idle_cost) OR IS_INF(attributed_idle_cost) OR attributed_idle_cost < 0
          OR IS_NAN(attributed_overhead_cost) OR IS_INF(attributed_overhead_cost) OR attributed_overhead_cost < 0)
        THEN 1 ELSE 0 END
    ) AS bad_attributed,
    SUM(CASE WHEN cost_category = 'inference' AND (IS_NAN(requests) OR IS_INF(requests) OR requests < 0) THEN 1 ELSE 0 END) AS bad_requests,
    SUM(row_cost) AS total_cost,
    SUM(CASE WHEN cost_category = 'inference' THEN row_cost ELSE 0 END) AS inference_cost,
    SUM(CASE WHEN cost_category = 'idle' THEN row_cost ELSE 0 END) AS idle_cost,
    SUM(CASE WHEN cost_category = 'overhead' THEN row_cost ELSE 0 END) AS overhead_cost,
    SUM(
      CASE WHEN cost_category = 'inference'
        THEN row_cost + COALESCE(attributed_idle_cost, 0) + COALESCE(attributed_overhead_cost, 0)
        ELSE 0 END
    ) AS loaded_inference_cost,
    SUM(CASE WHEN cost_category = 'inference' THEN COALESCE(requests, 0) ELSE 0 END) AS requests,
    SUM(CASE WHEN cost_category = 'inference' AND result = 'failed' THEN COALESCE(requests, 0) ELSE 0 END) AS failed_requests,
    SUM(CASE WHEN cost_category = 'inference' AND result = 'failed' THEN row_cost ELSE 0 END) AS failed_cost
  FROM `gpu_cost`
  WHERE dt BETWEEN @scan_start AND @end_date
    AND COALESCE(is_internal, FALSE) = FALSE
  GROUP BY dt, vertical
)
SELECT
  cur.dt,
  cur.vertical,
  -- Tier 1
  cur.idle_cost,
  cur.inference_cost,
  SAFE_DIVIDE(cur.idle_cost, cur.inference_cost) AS idle_to_inference_ratio,
  -- Tier 2
  SAFE_DIVIDE(cur.failed_requests, cur.requests) AS failure_rate,
  SAFE_DIVIDE(cur.loaded_inference_cost, cur.requests) AS cost_per_request,
  -- NULL (not scored) when the previous day has no row for the vertical.
  SAFE_DIVIDE(cur.total_cost, prev.total_cost) - 1 AS total_cost_dod,
  -- Tier 3
  cur.requests AS request_volume,
  cur.overhead_cost,
  cur.failed_cost,
  cur.bad_row_cost AS dq_bad_row_cost,
  cur.bad_attributed AS dq_bad_attributed,
  cur.bad_requests AS dq_bad_requests,
  COALESCE(prev.bad_row_cost, 0) AS dq_bad_prev_row_cost
FROM vertical_day AS cur
LEFT JOIN vertical_day AS prev
  ON prev.vertical = cur.vertical
 AND UNIX_DATE(prev.dt) = UNIX_DATE(cur.dt) - 1
WHERE cur.dt BETWEEN @start_date AND @end_date
ORDER BY cur.dt, cur.vertical
