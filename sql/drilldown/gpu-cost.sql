-- gpu-cost drill-down: an alerted vertical broken down into its members, one row per
-- (dt, vertical, dimension, member). BigQuery Standard SQL; runs on DuckDB through
-- src/warehouse/dialect.ts. Root-cause analysis (src/rootcause) ranks the members by how
-- much of the vertical's change each one explains.
--
-- Parameters
--   @scan_start  DATE   first day read: @start_date − 1, so total_cost_dod has the day
--                       before the earliest returned day (as in gpu-cost.sql)
--   @start_date  DATE   earliest day of @dates
--   @end_date    DATE   latest day of @dates
--   @dates       ARRAY<DATE>    days returned: the alerts' target and baseline days
--   @series      ARRAY<STRING>  verticals returned (gpu-cost.sql's vertical column)
--
-- Dimensions (src/domains/gpu-cost.ts, drillDown.dimensions): studio → 'process'; any
-- other vertical (api) → 'endpoint', 'model', 'org' (org_name). A row without a value
-- for the dimension goes to the member '(unattributed)': api idle rows carry endpoint
-- and model but no org; overhead and unused rows carry none.
--
-- Same cost readings as gpu-cost.sql (total = SUM(row_cost) over every category; fully
-- loaded inference = row_cost + attributed_* over inference rows; failed = result
-- 'failed'). Every metric is the member's ADDITIVE piece of the vertical's value that
-- day, so the members of one (dt, vertical, dimension) sum to gpu-cost.sql's row:
--   idle_cost, inference_cost, overhead_cost, failed_cost, request_volume   member sums
--   idle_to_inference_ratio  member idle cost / the vertical's inference cost
--   failure_rate             member failed requests / the vertical's requests
--   cost_per_request         member fully loaded inference cost / the vertical's requests
--   total_cost_dod           (member total cost on dt − on dt − 1) / the vertical's total
--                            cost on dt − 1; NULL when the vertical has no row on dt − 1
--                            (gpu-cost.sql's value is NULL then too)
-- A member active on dt − 1 but not on dt still gets a row on dt (zeros, and a negative
-- total_cost_dod piece), or the pieces would not add up to the vertical's jump.
--
-- One scan of gpu_cost: each row is counted once per dimension of its vertical and once
-- for the whole vertical (dimension '(vertical)', the denominators); each aggregated
-- (day, member) then contributes to two returned days, as 'current' on its own day and as
-- 'previous' on the vertical's next day. No self-join, so BigQuery does not re-read the
-- table (a CTE referenced twice is evaluated twice).
WITH dimensions AS (
  SELECT '(vertical)' AS dimension
  UNION ALL SELECT 'endpoint'
  UNION ALL SELECT 'model'
  UNION ALL SELECT 'org'
  UNION ALL SELECT 'process'
),
roles AS (
  SELECT 'current' AS role
  UNION ALL SELECT 'previous'
),
member_day AS (
  SELECT
    g.dt,
    g.vertical,
    d.dimension,
    COALESCE(
      CASE d.dimension
        WHEN '(vertical)' THEN g.vertical
        WHEN 'endpoint' THEN g.endpoint
        WHEN 'model' THEN g.model
        WHEN 'org' THEN g.org_name
        WHEN 'process' THEN g.process
      END,
      '(unattributed)'
    ) AS member,
    SUM(g.row_cost) AS total_cost,
    SUM(CASE WHEN g.cost_category = 'inference' THEN g.row_cost ELSE 0 END) AS inference_cost,
    SUM(CASE WHEN g.cost_category = 'idle' THEN g.row_cost ELSE 0 END) AS idle_cost,
    SUM(CASE WHEN g.cost_category = 'overhead' THEN g.row_cost ELSE 0 END) AS overhead_cost,
    SUM(
      CASE WHEN g.cost_category = 'inference'
        THEN g.row_cost + COALESCE(g.attributed_idle_cost, 0) + COALESCE(g.attributed_overhead_cost, 0)
        ELSE 0 END
    ) AS loaded_inference_cost,
    SUM(CASE WHEN g.cost_category = 'inference' THEN COALESCE(g.requests, 0) ELSE 0 END) AS requests,
    SUM(CASE WHEN g.cost_category = 'inference' AND g.result = 'failed' THEN COALESCE(g.requests, 0) ELSE 0 END) AS failed_requests,
    SUM(CASE WHEN g.cost_category = 'inference' AND g.result = 'failed' THEN g.row_cost ELSE 0 END) AS failed_cost
  FROM `gpu_cost` AS g
  CROSS JOIN dimensions AS d
  WHERE g.dt BETWEEN @scan_start AND @end_date
    AND COALESCE(g.is_internal, FALSE) = FALSE
    AND g.vertical IN (SELECT * FROM UNNEST(@series))
    AND (d.dimension = '(vertical)' OR (d.dimension = 'process') = (g.vertical = 'studio'))
  GROUP BY g.dt, g.vertical, d.dimension, member
),
with_next_day AS (
  SELECT
    *,
    -- The vertical's next day with data, kept only when it is the very next day.
    CASE
      WHEN UNIX_DATE(LEAD(dt) OVER (PARTITION BY vertical, dimension, member ORDER BY dt)) = UNIX_DATE(dt) + 1
        THEN LEAD(dt) OVER (PARTITION BY vertical, dimension, member ORDER BY dt)
    END AS own_next_day
  FROM member_day
),
-- Every member row of a day learns the vertical's next day (from the '(vertical)' row):
-- a member absent tomorrow still owes tomorrow its previous-day cost.
with_vertical_next_day AS (
  SELECT
    *,
    MAX(CASE WHEN dimension = '(vertical)' THEN own_next_day END) OVER (PARTITION BY dt, vertical) AS next_day
  FROM with_next_day
),
contributions AS (
  SELECT
    CASE WHEN r.role = 'current' THEN m.dt ELSE m.next_day END AS dt,
    m.vertical,
    m.dimension,
    m.member,
    CASE WHEN r.role = 'current' THEN 1 ELSE 0 END AS is_current,
    CASE WHEN r.role = 'previous' THEN 1 ELSE 0 END AS is_previous,
    CASE WHEN r.role = 'current' THEN m.total_cost ELSE 0 END AS total_cost,
    CASE WHEN r.role = 'previous' THEN m.total_cost ELSE 0 END AS previous_total_cost,
    CASE WHEN r.role = 'current' THEN m.inference_cost ELSE 0 END AS inference_cost,
    CASE WHEN r.role = 'current' THEN m.idle_cost ELSE 0 END AS idle_cost,
    CASE WHEN r.role = 'current' THEN m.overhead_cost ELSE 0 END AS overhead_cost,
    CASE WHEN r.role = 'current' THEN m.loaded_inference_cost ELSE 0 END AS loaded_inference_cost,
    CASE WHEN r.role = 'current' THEN m.requests ELSE 0 END AS requests,
    CASE WHEN r.role = 'current' THEN m.failed_requests ELSE 0 END AS failed_requests,
    CASE WHEN r.role = 'current' THEN m.failed_cost ELSE 0 END AS failed_cost
  FROM with_vertical_next_day AS m
  CROSS JOIN roles AS r
  WHERE (r.role = 'current' AND m.dt IN (SELECT * FROM UNNEST(@dates)))
     OR (r.role = 'previous' AND m.next_day IN (SELECT * FROM UNNEST(@dates)))
),
member_totals AS (
  SELECT
    dt,
    vertical,
    dimension,
    member,
    MAX(is_current) AS has_current,
    MAX(is_previous) AS has_previous,
    SUM(total_cost) AS total_cost,
    SUM(previous_total_cost) AS previous_total_cost,
    SUM(inference_cost) AS inference_cost,
    SUM(idle_cost) AS idle_cost,
    SUM(overhead_cost) AS overhead_cost,
    SUM(loaded_inference_cost) AS loaded_inference_cost,
    SUM(requests) AS requests,
    SUM(failed_requests) AS failed_requests,
    SUM(failed_cost) AS failed_cost
  FROM contributions
  GROUP BY dt, vertical, dimension, member
),
-- The vertical's own totals (the '(vertical)' row) on every member row: the denominators.
with_vertical AS (
  SELECT
    *,
    MAX(CASE WHEN dimension = '(vertical)' THEN has_current END) OVER (PARTITION BY dt, vertical) AS vertical_has_current,
    MAX(CASE WHEN dimension = '(vertical)' THEN inference_cost END) OVER (PARTITION BY dt, vertical) AS vertical_inference_cost,
    MAX(CASE WHEN dimension = '(vertical)' THEN requests END) OVER (PARTITION BY dt, vertical) AS vertical_requests,
    -- NULL, like gpu-cost.sql's prev.total_cost, when the vertical has no row on dt − 1.
    MAX(CASE WHEN dimension = '(vertical)' AND has_previous = 1 THEN previous_total_cost END)
      OVER (PARTITION BY dt, vertical) AS vertical_previous_total_cost
  FROM member_totals
)
SELECT
  dt,
  vertical AS series,
  dimension,
  member,
  -- Tier 1
  idle_cost,
  inference_cost,
  SAFE_DIVIDE(idle_cost, vertical_inference_cost) AS idle_to_inference_ratio,
  -- Tier 2
  SAFE_DIVIDE(failed_requests, vertical_requests) AS failure_rate,
  SAFE_DIVIDE(loaded_inference_cost, vertical_requests) AS cost_per_request,
  SAFE_DIVIDE(total_cost - previous_total_cost, vertical_previous_total_cost) AS total_cost_dod,
  -- Tier 3
  requests AS request_volume,
  overhead_cost,
  failed_cost
FROM with_vertical
WHERE dimension != '(vertical)'
  -- gpu-cost.sql has no row for a vertical on a day without data: nor does its drill-down.
  AND vertical_has_current = 1
  -- Already implied by @dates; kept so every bound parameter is used (dialect.ts checks).
  AND dt BETWEEN @start_date AND @end_date
ORDER BY dt, series, dimension, member
