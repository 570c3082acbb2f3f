-- usage drill-down: an alerted segment broken down into its members, one row per
-- (dt, segment, dimension, member). BigQuery Standard SQL; runs on DuckDB through
-- src/warehouse/dialect.ts. Root-cause analysis (src/rootcause) ranks the members by
-- how much of the segment's change each one explains.
--
-- Parameters
--   @scan_start  DATE   first day read: @start_date − 27 days, so the 28-day token window
--                       that decides "Heavy" is complete on @start_date (as in usage.sql)
--   @start_date  DATE   earliest day of @dates
--   @end_date    DATE   latest day of @dates
--   @heavy_min_tokens_28d INT64  segments.heavy.minTokens28d (as in usage.sql)
--   @dates       ARRAY<DATE>    days returned: the alerts' target and baseline days
--   @series      ARRAY<STRING>  segments returned (usage.sql's segment column)
--
-- Same segment definitions as usage.sql (same user_day, same 28-day window, same
-- hierarchy), so the members of each (dt, segment) add up to that segment's row there:
-- every user is in exactly one segment and one member per day.
--   enterprise_contract, enterprise_pilot → dimension 'org',  member = org_name
--   heavy, paying, free                   → dimension 'tier', member = the user's tier
-- Only the dimension that applies to a segment is emitted (src/domains/usage.ts,
-- drillDown.dimensions). Metrics are those of usage.sql, all additive per member.
-- @dates is applied after the window: a day's Heavy status needs the 27 days before it.
WITH user_day AS (
  -- One row per user per day even if the source repeats a user: sum the activity.
  SELECT
    dt,
    user_id,
    MAX(org_id) AS org_id,
    MAX(tier) AS tier,
    SUM(tokens_consumed) AS tokens,
    SUM(image_generations) AS image_generations,
    SUM(video_generations) AS video_generations
  FROM `usage_daily`
  WHERE dt BETWEEN @scan_start AND @end_date
    AND COALESCE(is_internal, FALSE) = FALSE
  GROUP BY dt, user_id
),
-- One row per org, as in usage.sql: every user-day stays one row, so COUNT(*) per member
-- is its distinct users.
orgs AS (
  SELECT org_id, MAX(org_name) AS org_name, MAX(enterprise_type) AS enterprise_type
  FROM `enterprise_orgs`
  WHERE COALESCE(excluded, FALSE) = FALSE
  GROUP BY org_id
),
-- The 28-day window is the costliest step of the query (it sorts every user-day row:
-- docs/usage-query-cost.md). A user reaches the threshold in some 28 days only if the
-- sum of its positive daily tokens over the whole scan reaches it (a negative or NaN day
-- cannot lift a window above that), so the window runs over those users' rows alone, a
-- few percent of the users; every other user-day gets tokens_28d NULL, not Heavy, as the
-- window over every user would decide (usage.sql does the same).
heavy_candidates AS (
  SELECT user_id
  FROM user_day
  GROUP BY user_id
  HAVING SUM(CASE WHEN tokens > 0 THEN tokens ELSE 0 END) >= @heavy_min_tokens_28d
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
  -- Only the days returned meet the window's rows (the window itself read every day).
  WHERE u.dt BETWEEN @start_date AND @end_date
    AND u.dt IN (SELECT * FROM UNNEST(@dates))
),
segmented AS (
  SELECT
    w.dt,
    w.user_id,
    w.tier,
    o.org_name,
    w.tokens,
    w.image_generations,
    w.video_generations,
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
),
members AS (
  SELECT
    dt,
    segment,
    CASE WHEN segment IN ('enterprise_contract', 'enterprise_pilot') THEN 'org' ELSE 'tier' END AS dimension,
    COALESCE(
      CASE WHEN segment IN ('enterprise_contract', 'enterprise_pilot') THEN org_name ELSE tier END,
      '(unattributed)'
    ) AS member,
    user_id,
    tokens,
    image_generations,
    video_generations
  FROM segmented
  WHERE segment IN (SELECT * FROM UNNEST(@series))
)
SELECT
  dt,
  segment AS series,
  dimension,
  member,
  -- One row per user-day (orgs above): the count is of distinct users.
  COUNT(*) AS dau,
  SUM(image_generations) AS image_generations,
  SUM(video_generations) AS video_generations,
  SUM(tokens) AS tokens
FROM members
GROUP BY dt, segment, dimension, member
ORDER BY dt, series, dimension, member
