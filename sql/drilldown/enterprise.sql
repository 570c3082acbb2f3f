-- enterprise drill-down: an alerted org broken down into its users, one row per
-- (dt, org_name, 'user', user_id). BigQuery Standard SQL; runs on DuckDB through
-- src/warehouse/dialect.ts. Root-cause analysis (src/rootcause) ranks the users by how
-- much of the org's change each one explains.
--
-- Parameters
--   @scan_start  DATE   first day read (as in enterprise.sql): the earlier of
--                       @start_date − 6 days and the first day of @start_date's month
--   @start_date  DATE   earliest day of @dates
--   @end_date    DATE   latest day of @dates
--   @dates       ARRAY<DATE>    days returned: the alerts' target and baseline days
--   @series      ARRAY<STRING>  orgs returned, by org_name (enterprise.sql's series)
--
-- Same definitions as enterprise.sql (non-excluded orgs, non-internal users, one
-- member_day row per user per active day, only days the warehouse has usage at all).
-- Every metric is the user's ADDITIVE piece of the org's value, so the users of an
-- (dt, org) sum exactly to that org's row in enterprise.sql:
--   dau                  1 if the user was active on dt
--   tokens, image_generations, video_generations   the user's amounts on dt
--   seat_activation      (1 if active in the 7 days up to and including dt) / seats
--   quota_burn           the user's month-to-date tokens / (monthly_token_quota ×
--                        day_of_month / days_in_month)
-- A user gets a row on a day when any of these is non-zero (active that day, in the
-- last 7 days, or with tokens earlier in the month). Month boundaries use the same
-- portable arithmetic as enterprise.sql: the month of a day is UNIX_DATE(dt) −
-- day_of_month, the same integer for every day of one month.
WITH orgs AS (
  SELECT org_id, org_name, seats, monthly_token_quota
  FROM `enterprise_orgs`
  WHERE COALESCE(excluded, FALSE) = FALSE
    AND org_name IN (SELECT * FROM UNNEST(@series))
),
target_days AS (
  -- The requested days that have any usage: enterprise.sql has no row for the others
  -- (a late pipeline), so neither does its drill-down.
  SELECT DISTINCT dt
  FROM `usage_daily`
  WHERE dt BETWEEN @start_date AND @end_date
    AND dt IN (SELECT * FROM UNNEST(@dates))
),
member_day AS (
  -- One row per org member per active day, even if the source repeats a user.
  SELECT
    dt,
    org_id,
    user_id,
    SUM(tokens_consumed) AS tokens,
    SUM(image_generations) AS image_generations,
    SUM(video_generations) AS video_generations
  FROM `usage_daily`
  WHERE dt BETWEEN @scan_start AND @end_date
    AND COALESCE(is_internal, FALSE) = FALSE
    AND org_id IN (SELECT org_id FROM orgs)
  GROUP BY dt, org_id, user_id
),
target_month AS (
  SELECT
    dt,
    UNIX_DATE(dt) AS day_number,
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
    END AS days_in_month
  FROM target_days
),
-- Each target day meets the member days it needs: the 7-day activation window and the
-- month-to-date sum, i.e. the days from the earlier of dt − 6 and the 1st of the month.
user_target AS (
  SELECT
    t.dt,
    t.day_of_month,
    t.days_in_month,
    m.org_id,
    m.user_id,
    MAX(CASE WHEN UNIX_DATE(m.dt) = t.day_number THEN 1 ELSE 0 END) AS active,
    SUM(CASE WHEN UNIX_DATE(m.dt) = t.day_number THEN m.tokens ELSE 0 END) AS tokens,
    SUM(CASE WHEN UNIX_DATE(m.dt) = t.day_number THEN m.image_generations ELSE 0 END) AS image_generations,
    SUM(CASE WHEN UNIX_DATE(m.dt) = t.day_number THEN m.video_generations ELSE 0 END) AS video_generations,
    MAX(CASE WHEN UNIX_DATE(m.dt) >= t.day_number - 6 THEN 1 ELSE 0 END) AS active_7d,
    SUM(
      CASE WHEN UNIX_DATE(m.dt) - EXTRACT(DAY FROM m.dt) = t.day_number - t.day_of_month THEN m.tokens ELSE 0 END
    ) AS tokens_month_to_date
  FROM target_month AS t
  JOIN member_day AS m
    ON UNIX_DATE(m.dt) BETWEEN LEAST(t.day_number - 6, t.day_number - t.day_of_month + 1) AND t.day_number
  GROUP BY t.dt, t.day_of_month, t.days_in_month, m.org_id, m.user_id
)
SELECT
  u.dt,
  o.org_name AS series,
  'user' AS dimension,
  u.user_id AS member,
  u.active AS dau,
  u.tokens,
  u.image_generations,
  u.video_generations,
  SAFE_DIVIDE(u.active_7d, o.seats) AS seat_activation,
  SAFE_DIVIDE(u.tokens_month_to_date, o.monthly_token_quota * u.day_of_month / u.days_in_month) AS quota_burn
FROM user_target AS u
JOIN orgs AS o
  ON o.org_id = u.org_id
WHERE u.active > 0
   OR u.tokens > 0
   OR u.image_generations > 0
   OR u.video_generations > 0
   OR u.active_7d > 0
   OR u.tokens_month_to_date > 0
ORDER BY dt, series, dimension, member
