import type { DomainDefinition } from './types.js';

/**
 * Subscriptions and money (DOMAINS.md §3): the consumer subscription business, in total
 * and per paid tier. Flows (revenue, sign-ups, cancellations, refunds, tier moves) come
 * from subscription_events, stocks (MRR, active subscriptions) from the daily snapshot
 * subscriptions_daily; see sql/revenue.sql. Which way is bad differs per metric, so
 * directions are set per metric in config/domains/revenue.yaml.
 */
export const revenueDomain: DomainDefinition = {
  name: 'revenue',
  title: 'Revenue and subscriptions',
  sqlFile: 'revenue.sql',
  seriesColumn: 'series',
  knownSeries: [
    { key: 'total', label: 'All tiers' },
    { key: 'lite', label: 'Lite' },
    { key: 'standard', label: 'Standard' },
    { key: 'pro', label: 'Pro' },
  ],
  seriesFromData: false,
  metrics: [
    { name: 'revenue', label: 'Revenue (new + renewal + upgrade − refunds)', kind: 'amount', unit: 'USD' },
    { name: 'new_subscriptions', label: 'New subscriptions', kind: 'count' },
    { name: 'cancellations', label: 'Cancellations', kind: 'count' },
    { name: 'refunds', label: 'Refunds', kind: 'count' },
    { name: 'refund_amount', label: 'Refunded amount', kind: 'amount', unit: 'USD' },
    { name: 'upgrades', label: 'Upgrades (into the tier)', kind: 'count' },
    { name: 'downgrades', label: 'Downgrades (into the tier)', kind: 'count' },
    { name: 'mrr', label: 'MRR', kind: 'amount', unit: 'USD' },
    { name: 'active_subscriptions', label: 'Active subscriptions', kind: 'count' },
  ],
  qualityChecks: [
    { column: 'dq_bad_amount', problem: 'money events (new, renewal, upgrade, refund) with amount_usd NULL, NaN, ±Infinity or negative', metrics: ['revenue', 'refund_amount'] },
    { column: 'dq_bad_mrr', problem: 'subscriptions_daily rows with mrr_usd NULL, NaN, ±Infinity or negative', metrics: ['mrr'] },
    { column: 'dq_duplicate_snapshot_rows', problem: 'duplicate subscriptions_daily rows for one (dt, user_id) (a snapshot loaded twice?)', metrics: ['mrr', 'active_subscriptions'] },
  ],
  drillDown: {
    sqlFile: 'drilldown/revenue.sql',
    // A tier's own series is already the finest cut DOMAINS.md drills to.
    dimensions: (series) => (series === 'total' ? ['tier'] : []),
    combine: {
      revenue: 'sum',
      new_subscriptions: 'sum',
      cancellations: 'sum',
      refunds: 'sum',
      refund_amount: 'sum',
      upgrades: 'sum',
      downgrades: 'sum',
      mrr: 'sum',
      active_subscriptions: 'sum',
    },
  },
  lagDays: 1,
  queryParams() {
    // Every metric of a day comes from that day's rows: no lookback beyond the baseline.
    return {};
  },
  criticalAction() {
    return 'check recent billing, pricing and payment-provider changes';
  },
};
