-- api-runtime drill-down: an alerted series (the whole API, 'total', or one endpoint)
-- broken down into its members, one row per (dt, series, dimension, member).
-- BigQuery Standard SQL; runs on DuckDB through src/warehouse/dialect.ts. Root-cause
-- analysis (src/rootcause) ranks the members by how much of the series' change each one
-- explains.
--
-- Parameters
--   @start_date  DATE   earliest day of @dates
--   @end_date    DATE   latest day of @dates
--   @dates       ARRAY<DATE>    days returned: the alerts' target and baseline days
--   @series      ARRAY<STRING>  series returned (api-runtime.sql's endpoint column:
--                               'total' or an endpoint)
--
-- Dimensions (src/domains/api-runtime.ts, drillDown.dimensions): 'total' → 'endpoint',
-- 'model', 'org' (org_name); an endpoint → 'model', 'org' (it is already one endpoint).
-- Same definitions as api-runtime.sql (non-internal requests; error = result other than
-- 'success'; infrastructure / applicative from error_source; timeout = result
-- 'timeout'). Metrics:
--   requests           the member's requests (additive)
--   error_rate, infra_error_rate, applicative_error_rate, timeout_rate
--                      the member's errors of that kind / ALL the series' requests that
--                      day: additive pieces, the members of a dimension sum to the rate
--   p50/p95/p99_processing_ms, p95_queue_ms, p95_inference_ms
--                      the member's OWN percentile, APPROX_QUANTILES(x, 100)[OFFSET(p)]
--                      as in api-runtime.sql; not additive (weighted by requests in TS)
-- No look-back: @dates and @series filter the one read of api_requests; each request is
-- then counted once per (series, dimension) it belongs to.
WITH series_dimensions AS (
  -- scope 'total': the request counts for the whole API; 'endpoint': for its endpoint.
  SELECT 'total' AS scope, 'endpoint' AS dimension
  UNION ALL SELECT 'total', 'model'
  UNION ALL SELECT 'total', 'org'
  UNION ALL SELECT 'endpoint', 'model'
  UNION ALL SELECT 'endpoint', 'org'
),
external_requests AS (
  SELECT
    dt,
    endpoint,
    model,
    org_name,
    result,
    error_source,
    processing_ms,
    queue_ms,
    inference_ms
  FROM `api_requests`
  WHERE dt BETWEEN @start_date AND @end_date
    AND dt IN (SELECT * FROM UNNEST(@dates))
    AND COALESCE(is_internal, FALSE) = FALSE
    AND ('total' IN (SELECT * FROM UNNEST(@series)) OR endpoint IN (SELECT * FROM UNNEST(@series)))
),
tagged AS (
  SELECT
    r.dt,
    CASE WHEN s.scope = 'total' THEN 'total' ELSE r.endpoint END AS series,
    s.dimension,
    COALESCE(
      CASE s.dimension
        WHEN 'endpoint' THEN r.endpoint
        WHEN 'model' THEN r.model
        WHEN 'org' THEN r.org_name
      END,
      '(unattributed)'
    ) AS member,
    r.result,
    r.error_source,
    r.processing_ms,
    r.queue_ms,
    r.inference_ms
  FROM external_requests AS r
  CROSS JOIN series_dimensions AS s
  WHERE (CASE WHEN s.scope = 'total' THEN 'total' ELSE r.endpoint END) IN (SELECT * FROM UNNEST(@series))
),
member_day AS (
  SELECT
    dt,
    series,
    dimension,
    member,
    COUNT(*) AS requests,
    SUM(CASE WHEN result != 'success' THEN 1 ELSE 0 END) AS errors,
    SUM(CASE WHEN error_source = 'infrastructure' THEN 1 ELSE 0 END) AS infra_errors,
    SUM(CASE WHEN error_source = 'applicative' THEN 1 ELSE 0 END) AS applicative_errors,
    SUM(CASE WHEN result = 'timeout' THEN 1 ELSE 0 END) AS timeouts,
    APPROX_QUANTILES(processing_ms, 100)[OFFSET(50)] AS p50_processing_ms,
    APPROX_QUANTILES(processing_ms, 100)[OFFSET(95)] AS p95_processing_ms,
    APPROX_QUANTILES(processing_ms, 100)[OFFSET(99)] AS p99_processing_ms,
    APPROX_QUANTILES(queue_ms, 100)[OFFSET(95)] AS p95_queue_ms,
    APPROX_QUANTILES(inference_ms, 100)[OFFSET(95)] AS p95_inference_ms
  FROM tagged
  GROUP BY dt, series, dimension, member
),
with_series AS (
  -- Every request of the series is in exactly one member of each dimension, so the
  -- members' requests add up to the series' requests that day.
  SELECT
    *,
    SUM(requests) OVER (PARTITION BY dt, series, dimension) AS series_requests
  FROM member_day
)
SELECT
  dt,
  series,
  dimension,
  member,
  requests,
  SAFE_DIVIDE(errors, series_requests) AS error_rate,
  SAFE_DIVIDE(infra_errors, series_requests) AS infra_error_rate,
  SAFE_DIVIDE(applicative_errors, series_requests) AS applicative_error_rate,
  SAFE_DIVIDE(timeouts, series_requests) AS timeout_rate,
  p50_processing_ms,
  p95_processing_ms,
  p99_processing_ms,
  p95_queue_ms,
  p95_inference_ms
FROM with_series
ORDER BY dt, series, dimension, member
