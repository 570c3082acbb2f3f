-- revenue drill-down: the 'total' series broken down by tier, one row per
-- (dt, 'total', 'tier', tier). BigQuery Standard SQL; runs on DuckDB through
-- src/warehouse/dialect.ts. Root-cause analysis (src/rootcause) ranks the tiers by how
-- much of the total's change each one explains.
--
-- Parameters
--   @start_date  DATE   earliest day of @dates
--   @end_date    DATE   latest day of @dates
--   @dates       ARRAY<DATE>    days returned: the alerts' target and baseline days
--   @series      ARRAY<STRING>  series asked for (revenue.sql's series column)
--
-- Only 'total' has a dimension: a tier series is already the finest cut DOMAINS.md
-- drills to (src/domains/revenue.ts returns no dimension for it), so this query returns
-- rows only when @series contains 'total', and then for every tier.
-- Same definitions as revenue.sql (non-internal rows; revenue = new + renewal + upgrade
-- − refunds; upgrades and downgrades in the tier moved INTO; mrr and
-- active_subscriptions from that day's snapshot), grouped by tier instead of series, so
-- the tiers of a day add up to revenue.sql's 'total' row (a user is in one tier of a
-- day's snapshot, so the distinct counts add up too). Money is rounded to cents per tier
-- as revenue.sql rounds per series: the tiers may differ from the total by a cent.
-- No look-back: every metric of a day comes from that day's rows, so @dates filters
-- the reads themselves.
WITH event_rows AS (
  SELECT
    dt,
    tier,
    CASE
      WHEN event_type IN ('new', 'renewal', 'upgrade') THEN amount_usd
      WHEN event_type = 'refund' THEN -amount_usd
      ELSE 0.0
    END AS revenue,
    CASE WHEN event_type = 'new' THEN 1 ELSE 0 END AS new_subscriptions,
    CASE WHEN event_type = 'cancellation' THEN 1 ELSE 0 END AS cancellations,
    CASE WHEN event_type = 'refund' THEN 1 ELSE 0 END AS refunds,
    CASE WHEN event_type = 'refund' THEN amount_usd ELSE 0.0 END AS refund_amount,
    CASE WHEN event_type = 'upgrade' THEN 1 ELSE 0 END AS upgrades,
    CASE WHEN event_type = 'downgrade' THEN 1 ELSE 0 END AS downgrades,
    0.0 AS mrr,
    CAST(NULL AS STRING) AS active_user_id
  FROM `subscription_events`
  WHERE dt BETWEEN @start_date AND @end_date
    AND dt IN (SELECT * FROM UNNEST(@dates))
    AND COALESCE(is_internal, FALSE) = FALSE
    AND 'total' IN (SELECT * FROM UNNEST(@series))
),
snapshot_rows AS (
  SELECT
    dt,
    tier,
    0.0 AS revenue,
    0 AS new_subscriptions,
    0 AS cancellations,
    0 AS refunds,
    0.0 AS refund_amount,
    0 AS upgrades,
    0 AS downgrades,
    mrr_usd AS mrr,
    user_id AS active_user_id
  FROM `subscriptions_daily`
  WHERE dt BETWEEN @start_date AND @end_date
    AND dt IN (SELECT * FROM UNNEST(@dates))
    AND COALESCE(is_internal, FALSE) = FALSE
    AND 'total' IN (SELECT * FROM UNNEST(@series))
),
all_rows AS (
  SELECT * FROM event_rows
  UNION ALL
  SELECT * FROM snapshot_rows
)
SELECT
  dt,
  'total' AS series,
  'tier' AS dimension,
  COALESCE(tier, '(unattributed)') AS member,
  ROUND(SUM(revenue), 2) AS revenue,
  SUM(new_subscriptions) AS new_subscriptions,
  SUM(cancellations) AS cancellations,
  SUM(refunds) AS refunds,
  ROUND(SUM(refund_amount), 2) AS refund_amount,
  SUM(upgrades) AS upgrades,
  SUM(downgrades) AS downgrades,
  ROUND(SUM(mrr), 2) AS mrr,
  -- A user is in the snapshot once per day; DISTINCT guards against a duplicated load.
  COUNT(DISTINCT active_user_id) AS active_subscriptions
FROM all_rows
GROUP BY dt, member
ORDER BY dt, series, dimension, member
