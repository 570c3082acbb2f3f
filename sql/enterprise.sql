-- enterprise: account health per organisation, one row per (dt, org).
-- BigQuery Standard SQL; runs on DuckDB through src/warehouse/dialect.ts.
--
-- Parameters
--   @scan_start  DATE   first day read: the earlier of @start_date − 6 days (the 7-day
--                       seat-activation window of @start_date) and the first day of
--                       @start_date's month (its month-to-date token sum)
--   @start_date  DATE   first day returned (the earliest baseline day)
--   @end_date    DATE   last day returned (the latest target day)
--
-- Series: org_name (every alert names the org); group: enterprise_type (contract and
-- pilot orgs are reported apart). Only non-excluded orgs, only non-internal users.
-- Every org gets a row on every day the warehouse has usage at all, so a silent org is
-- a row of zeros (its churn-risk signal), never a missing day.
--   seat_activation  distinct users active in the 7 days up to and including dt / seats
--   quota_burn       burn pace: month-to-date tokens / (monthly_token_quota × elapsed
--                    share of the month, day_of_month / days_in_month). 1.0 = on pace to
--                    use exactly the quota; 1.3 = on pace to exceed it by 30 %.
-- Month boundaries use portable arithmetic only (EXTRACT, MOD, UNIX_DATE): the month
-- of dt is identified by UNIX_DATE(dt) − day_of_month, the same integer for every day
-- of one month, so no DATE_TRUNC or LAST_DAY is needed.
WITH orgs AS (
  SELECT org_id, org_name, enterprise_type, seats, monthly_token_quota
  FROM `enterprise_orgs`
  WHERE COALESCE(excluded, FALSE) = FALSE
),
usage_days AS (
  -- Days the warehouse has any usage: a day missing here is a late pipeline (DATA_MISSING).
  SELECT DISTINCT dt
  FROM `usage_daily`
  WHERE dt BETWEEN @scan_start AND @end_date
),
member_day AS (
  -- One row per org member per active day; repeats are summed and counted as a
  -- data-quality finding (usage_daily has one row per user per day). Only valid counter
  -- values are summed (see usage.sql): a NULL, NaN, ±Infinity or negative one is counted.
  SELECT
    dt,
    org_id,
    user_id,
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
    AND org_id IN (SELECT org_id FROM orgs)
  GROUP BY dt, org_id, user_id
),
org_day AS (
  SELECT
    d.dt,
    o.org_id,
    o.org_name,
    o.enterprise_type,
    o.seats,
    o.monthly_token_quota,
    COUNT(DISTINCT m.user_id) AS dau,
    COALESCE(SUM(m.tokens), 0) AS tokens,
    COALESCE(SUM(m.image_generations), 0) AS image_generations,
    COALESCE(SUM(m.video_generations), 0) AS video_generations,
    COALESCE(SUM(m.duplicate_rows), 0) AS dq_duplicate_rows,
    COALESCE(SUM(m.bad_tokens), 0) AS dq_bad_tokens,
    COALESCE(SUM(m.bad_images), 0) AS dq_bad_images,
    COALESCE(SUM(m.bad_videos), 0) AS dq_bad_videos
  FROM usage_days AS d
  CROSS JOIN orgs AS o
  LEFT JOIN member_day AS m
    ON m.dt = d.dt
   AND m.org_id = o.org_id
  GROUP BY d.dt, o.org_id, o.org_name, o.enterprise_type, o.seats, o.monthly_token_quota
),
with_month AS (
  SELECT
    *,
    EXTRACT(DAY FROM dt) AS day_of_month,
    CASE EXTRACT(MONTH FROM dt)
      WHEN 2 THEN
        CASE
          WHEN MOD(EXTRACT(YEAR FROM dt), 4) = 0
           AND (MOD(EXTRACT(YEAR FROM dt), 100) != 0 OR MOD(EXTRACT(YEAR FROM dt), 400) = 0) THEN 29
          ELSE 28
        END
      WHEN 4 THEN 30
      WHEN 6 THEN 30
      WHEN 9 THEN 30
      WHEN 11 THEN 30
      ELSE 31
    END AS days_in_month,
    SUM(tokens) OVER (
      PARTITION BY org_id, UNIX_DATE(dt) - EXTRACT(DAY FROM dt)
      ORDER BY UNIX_DATE(dt)
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS tokens_month_to_date
  FROM org_day
),
active_7d AS (
  SELECT
    d.dt,
    o.org_id,
    COUNT(DISTINCT m.user_id) AS active_users_7d
  FROM usage_days AS d
  CROSS JOIN orgs AS o
  LEFT JOIN member_day AS m
    ON m.org_id = o.org_id
   AND UNIX_DATE(m.dt) BETWEEN UNIX_DATE(d.dt) - 6 AND UNIX_DATE(d.dt)
  WHERE d.dt BETWEEN @start_date AND @end_date
  GROUP BY d.dt, o.org_id
)
SELECT
  w.dt,
  w.org_name,
  w.enterprise_type,
  w.dau,
  w.tokens,
  w.image_generations,
  w.video_generations,
  SAFE_DIVIDE(a.active_users_7d, w.seats) AS seat_activation,
  SAFE_DIVIDE(w.tokens_month_to_date, w.monthly_token_quota * w.day_of_month / w.days_in_month) AS quota_burn,
  w.dq_duplicate_rows,
  w.dq_bad_tokens,
  w.dq_bad_images,
  w.dq_bad_videos
FROM with_month AS w
JOIN active_7d AS a
  ON a.dt = w.dt
 AND a.org_id = w.org_id
WHERE w.dt BETWEEN @start_date AND @end_date
ORDER BY w.dt, w.org_name
