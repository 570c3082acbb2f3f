-- usage: product usage per user segment, one row per (dt, segment).
-- BigQuery Standard SQL; runs on DuckDB through src/warehouse/dialect.ts.
--
-- Parameters
--   @scan_start  DATE   first day read: @start_date − 27 days, so the 28-day token window
--                       that decides "Heavy" is complete on @start_date
--   @start_date  DATE   first day returned (the earliest baseline day)
--   @end_date    DATE   last day returned (the latest target day)
--   @heavy_min_tokens_28d INT64  segments.heavy.minTokens28d
--
-- Segments are a strict hierarchy, so each user is in exactly one per day:
-- enterprise (non-excluded org, by enterprise_type) > heavy > paying > free.
--
-- Data quality (README "Data quality"), counted in the same pass at no extra scan:
--   dq_duplicate_rows  extra rows for one (dt, user_id): usage_daily has one row per user
--                      per active day, so a repeat is a double load, not activity
--   dq_bad_tokens / dq_bad_images / dq_bad_videos  rows whose counter is NULL, NaN,
--                      ±Infinity or negative. Only valid values are summed, so a bad
--                      value never leaks into the 28-day Heavy window (NaN compares
--                      differently on the two engines); the day's metric is not scored.
WITH user_day AS (
  -- One row per user per day; repeats are summed (and counted as a data-quality finding).
  SELECT
    dt,
    user_id,
    MAX(org_id) AS org_id,
    MAX(tier) AS tier,
    SUM(CASE WHEN tokens_consumed >= 0 AND NOT IS_NAN(tokens_consumed) AND NOT IS_INF(tokens_consumed) THEN tokens_consumed END) AS tokens,
    SUM(CASE WHEN image_generations >= 0 AND NOT IS_NAN(image_generations) AND NOT IS_INF(image_generations) THEN image_generations END) AS image_generations,
    SUM(CASE WHEN video_generations >= 0 AND NOT IS_NAN(video_generations) AND NOT IS_INF(video_generations) THEN video_generations END) AS video_generations,
    COUNT(*) - 1 AS duplicate_rows,
    SUM(CASE WHEN tokens_consumed >= 0 AND NOT IS_NAN(tokens_consumed) AND NOT IS_INF(tokens_consumed) THEN 0 ELSE 1 END) AS bad_tokens,
    SUM(CASE WHEN image_generations >= 0 AND NOT IS_NAN(image_generations) AND NOT IS_INF(image_generations) THEN 0 ELSE 1 END) AS bad_images,
    SUM(CASE WHEN video_generations >= 0 AND NOT IS_NAN(video_generations) AND NOT IS_INF(video_generations) THEN 0 ELSE 1 END) AS bad_videos
  FROM `usage_daily`
  WHERE dt BETWEEN @scan_start AND @end_date
    AND COALESCE(is_internal, FALSE) = FALSE
  GROUP BY dt, user_id
),
-- One row per org (enterprise_orgs is keyed by org_id; should a double load repeat an org,
-- one row is kept), so below every user-day stays one row: a repeated org would otherwise
-- double its members' tokens. COUNT(*) per segment is then its distinct users (DAU)
-- without a DISTINCT, which was a third of the query's time on DuckDB (BENCHMARKS.md).
orgs AS (
  SELECT org_id, MAX(enterprise_type) AS enterprise_type
  FROM `enterprise_orgs`
  WHERE COALESCE(excluded, FALSE) = FALSE
  GROUP BY org_id
),
-- The 28-day window is the costliest step of the query (it sorts every user-day row:
-- docs/usage-query-cost.md). A user reaches the threshold in some 28 days only if its
-- tokens over the whole scan reach it (valid counts are never negative), so the window
-- runs over those users' rows alone, a few percent of the users; every other user-day
-- gets tokens_28d NULL, not Heavy, as the window over every user would decide.
heavy_candidates AS (
  SELECT user_id
  FROM user_day
  GROUP BY user_id
  HAVING SUM(tokens) >= @heavy_min_tokens_28d
),
heavy_window AS (
  SELECT
    dt,
    user_id,
    -- Tokens over the 28 days up to and including dt (days without activity add nothing).
    SUM(tokens) OVER (
      PARTITION BY user_id
      ORDER BY UNIX_DATE(dt)
      RANGE BETWEEN 27 PRECEDING AND CURRENT ROW
    ) AS tokens_28d
  FROM user_day
  WHERE user_id IN (SELECT user_id FROM heavy_candidates)
),
with_window AS (
  SELECT
    u.*,
    h.tokens_28d
  FROM user_day AS u
  LEFT JOIN heavy_window AS h
    ON h.user_id = u.user_id
   AND h.dt = u.dt
),
segmented AS (
  SELECT
    w.dt,
    w.user_id,
    w.tokens,
    w.image_generations,
    w.video_generations,
    w.duplicate_rows,
    w.bad_tokens,
    w.bad_images,
    w.bad_videos,
    CASE
      WHEN o.enterprise_type = 'contract' THEN 'enterprise_contract'
      WHEN o.enterprise_type = 'pilot' THEN 'enterprise_pilot'
      WHEN w.tokens_28d >= @heavy_min_tokens_28d THEN 'heavy'
      WHEN w.tier IN ('lite', 'standard', 'pro') THEN 'paying'
      ELSE 'free'
    END AS segment
  FROM with_window AS w
  LEFT JOIN orgs AS o
    ON o.org_id = w.org_id
  WHERE w.dt BETWEEN @start_date AND @end_date
)
SELECT
  dt,
  segment,
  -- One row per user-day (orgs above): the count is of distinct users.
  COUNT(*) AS dau,
  SUM(image_generations) AS image_generations,
  SUM(video_generations) AS video_generations,
  SUM(tokens) AS tokens,
  SUM(duplicate_rows) AS dq_duplicate_rows,
  SUM(bad_tokens) AS dq_bad_tokens,
  SUM(bad_images) AS dq_bad_images,
  SUM(bad_videos) AS dq_bad_videos
FROM segmented
GROUP BY dt, segment
ORDER BY dt, segment
