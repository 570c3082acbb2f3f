-- api-runtime: API latency, errors and throughput, one row per (dt, endpoint) plus one
-- row per dt for the whole API (endpoint = 'total').
-- BigQuery Standard SQL; runs on DuckDB through src/warehouse/dialect.ts.
--
-- Parameters
--   @start_date  DATE   first day returned (the earliest baseline day)
--   @end_date    DATE   last day returned (the latest target day)
--
-- Error taxonomy (DOMAINS.md §5): a request is an error when result is not 'success';
-- error_source splits errors into infrastructure (GPU, nodes, timeouts) and applicative
-- (bad input, content policy), so error_rate = infra_error_rate + applicative_error_rate.
-- timeout_rate is the timeout share of requests (timeouts are infrastructure errors).
-- Percentiles: APPROX_QUANTILES(x, 100)[OFFSET(p)] is the p-th percentile (BigQuery
-- approximates within ~1 %; DuckDB computes it exactly).
--
-- Data quality (README "Data quality"), counted in the same pass:
--   dq_duplicate_requests  extra rows for one request_id: a double load
--   dq_bad_processing_ms / dq_bad_queue_ms / dq_bad_inference_ms  values that are NaN,
--                          ±Infinity or negative (NULL is allowed: not measured, and
--                          percentiles leave it out)
WITH external_requests AS (
  SELECT
    dt,
    request_id,
    -- '' for a row without an endpoint, so that it can never be taken for ROLLUP's
    -- subtotal below: it counts in the total, and the run stops on a series with no name.
    -- (Named apart from the output's endpoint, which ORDER BY means.)
    COALESCE(endpoint, '') AS endpoint_key,
    result,
    error_source,
    processing_ms,
    queue_ms,
    inference_ms
  FROM `api_requests`
  WHERE dt BETWEEN @start_date AND @end_date
    AND COALESCE(is_internal, FALSE) = FALSE
)
-- One aggregation gives each endpoint and, as ROLLUP's subtotal over the endpoints, the
-- whole API's day ('total'), instead of every request counted twice (once under its
-- endpoint, once under 'total'; bench/perf/before-after.md, item 24). The total's
-- distinct count and percentiles are still over all of the day's requests.
SELECT
  dt,
  IF(endpoint_key IS NULL, 'total', endpoint_key) AS endpoint,
  COUNT(*) AS requests,
  SAFE_DIVIDE(SUM(CASE WHEN result != 'success' THEN 1 ELSE 0 END), COUNT(*)) AS error_rate,
  SAFE_DIVIDE(SUM(CASE WHEN error_source = 'infrastructure' THEN 1 ELSE 0 END), COUNT(*)) AS infra_error_rate,
  SAFE_DIVIDE(SUM(CASE WHEN error_source = 'applicative' THEN 1 ELSE 0 END), COUNT(*)) AS applicative_error_rate,
  SAFE_DIVIDE(SUM(CASE WHEN result = 'timeout' THEN 1 ELSE 0 END), COUNT(*)) AS timeout_rate,
  APPROX_QUANTILES(processing_ms, 100)[OFFSET(50)] AS p50_processing_ms,
  APPROX_QUANTILES(processing_ms, 100)[OFFSET(95)] AS p95_processing_ms,
  APPROX_QUANTILES(processing_ms, 100)[OFFSET(99)] AS p99_processing_ms,
  APPROX_QUANTILES(queue_ms, 100)[OFFSET(95)] AS p95_queue_ms,
  APPROX_QUANTILES(inference_ms, 100)[OFFSET(95)] AS p95_inference_ms,
  COUNT(*) - COUNT(DISTINCT request_id) AS dq_duplicate_requests,
  SUM(CASE WHEN IS_NAN(processing_ms) OR IS_INF(processing_ms) OR processing_ms < 0 THEN 1 ELSE 0 END) AS dq_bad_processing_ms,
  SUM(CASE WHEN IS_NAN(queue_ms) OR IS_INF(queue_ms) OR queue_ms < 0 THEN 1 ELSE 0 END) AS dq_bad_queue_ms,
  SUM(CASE WHEN IS_NAN(inference_ms) OR IS_INF(inference_ms) OR inference_ms < 0 THEN 1 ELSE 0 END) AS dq_bad_inference_ms
FROM external_requests
GROUP BY ROLLUP (dt, endpoint_key)
-- ROLLUP's grand total over every day: not a day.
HAVING dt IS NOT NULL
ORDER BY dt, endpoint
