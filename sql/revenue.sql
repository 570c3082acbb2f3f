-- revenue: subscriptions and money, one row per (dt, series) where series is 'total'
-- or a tier (lite, standard, pro). BigQuery Standard SQL; runs on DuckDB through
-- src/warehouse/dialect.ts.
--
-- Parameters
--   @start_date  DATE   first day returned (the earliest baseline day)
--   @end_date    DATE   last day returned (the latest target day)
--
-- Both sources are daily facts, so no extra lookback is read: every metric of a day
-- comes from that day's events and that day's snapshot.
--   revenue               new + renewal + upgrade amounts − refunded amounts (USD)
--   refunds/refund_amount refunds are their own events, dated the day the money went back
--   upgrades/downgrades   counted in the tier the event row carries: the tier moved INTO
--   mrr, active_subscriptions  from subscriptions_daily, the snapshot of active subscriptions
--
-- Data quality (README "Data quality"), counted in the same pass:
--   dq_bad_amount       money events (new, renewal, upgrade, refund) whose amount_usd is
--                       NULL, NaN, ±Infinity or negative: revenue and refund_amount
--   dq_bad_mrr          snapshot rows whose mrr_usd is NULL, NaN, ±Infinity or negative: mrr
--   dq_duplicate_snapshot_rows  extra snapshot rows for one (dt, user_id): the snapshot
--                       holds a user once a day, so a repeat is a double load (mrr doubles)
-- subscription_events has no unique key in the spec (one user may have two events a
-- day), so repeated events cannot be told from real ones and are not checked.
WITH event_rows AS (
  SELECT
    dt,
    COALESCE(tier, '') AS tier,
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
    CAST(NULL AS STRING) AS active_user_id,
    CASE
      WHEN event_type IN ('new', 'renewal', 'upgrade', 'refund')
        AND (amount_usd IS NULL OR IS_NAN(amount_usd) OR IS_INF(amount_usd) OR amount_usd < 0) THEN 1
      ELSE 0
    END AS bad_amount,
    0 AS bad_mrr
  FROM `subscription_events`
  WHERE dt BETWEEN @start_date AND @end_date
    AND COALESCE(is_internal, FALSE) = FALSE
),
snapshot_rows AS (
  SELECT
    dt,
    COALESCE(tier, '') AS tier,
    0.0 AS revenue,
    0 AS new_subscriptions,
    0 AS cancellations,
    0 AS refunds,
    0.0 AS refund_amount,
    0 AS upgrades,
    0 AS downgrades,
    mrr_usd AS mrr,
    user_id AS active_user_id,
    0 AS bad_amount,
    CASE WHEN mrr_usd IS NULL OR IS_NAN(mrr_usd) OR IS_INF(mrr_usd) OR mrr_usd < 0 THEN 1 ELSE 0 END AS bad_mrr
  FROM `subscriptions_daily`
  WHERE dt BETWEEN @start_date AND @end_date
    AND COALESCE(is_internal, FALSE) = FALSE
),
all_rows AS (
  SELECT * FROM event_rows
  UNION ALL
  SELECT * FROM snapshot_rows
)
-- One aggregation gives each tier and, as ROLLUP's subtotal over the tiers, each day's
-- total. WHY not every row twice, once under its tier and once under 'total' (a UNION ALL,
-- as before): the distinct count of active users is the query's main cost, and doubling
-- its input made the query ~1.8× slower on DuckDB (bench/perf/before-after.md, item 23).
-- The total still counts a user in two tiers' snapshots once. Both sources' rows should
-- carry a tier; one without is read as '' so that it can never be taken for the subtotal:
-- it still counts in the total, and the run stops on a series with no name
-- (src/domains/daily-series.ts), as it did on a NULL one.
SELECT
  dt,
  IF(tier IS NULL, 'total', tier) AS series,
  ROUND(SUM(revenue), 2) AS revenue,
  SUM(new_subscriptions) AS new_subscriptions,
  SUM(cancellations) AS cancellations,
  SUM(refunds) AS refunds,
  ROUND(SUM(refund_amount), 2) AS refund_amount,
  SUM(upgrades) AS upgrades,
  SUM(downgrades) AS downgrades,
  ROUND(SUM(mrr), 2) AS mrr,
  -- A user is in the snapshot once per day; DISTINCT guards against a duplicated load.
  COUNT(DISTINCT active_user_id) AS active_subscriptions,
  SUM(bad_amount) AS dq_bad_amount,
  SUM(bad_mrr) AS dq_bad_mrr,
  COUNT(active_user_id) - COUNT(DISTINCT active_user_id) AS dq_duplicate_snapshot_rows
FROM all_rows
GROUP BY ROLLUP (dt, tier)
-- ROLLUP's grand total over every day: not a day.
HAVING dt IS NOT NULL
ORDER BY dt, series
