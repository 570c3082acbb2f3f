import { addDays, startOfMonth, type IsoDate } from '../dates/iso-date.js';
import type { DomainDefinition } from './types.js';

/** Seat activation counts the distinct users of the 7 days up to and including dt. */
const SEAT_ACTIVATION_WINDOW_DAYS = 7;

/** The earlier of two ISO dates (ISO text sorts chronologically). */
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/**
 * Account health per enterprise organisation (DOMAINS.md §4), for customer success:
 * one series per non-excluded org, named by org_name so every alert names the customer,
 * grouped by enterprise_type so contract and pilot orgs are reported apart.
 * Weekday-only and the drop-to-zero churn rule are config (config/domains/enterprise.yaml).
 */
export const enterpriseDomain: DomainDefinition = {
  name: 'enterprise',
  title: 'Enterprise account health by organisation',
  sqlFile: 'enterprise.sql',
  seriesColumn: 'org_name',
  groupColumn: 'enterprise_type',
  // Orgs come from enterprise_orgs, so there is no fixed list: every org is a series.
  knownSeries: [],
  seriesFromData: true,
  metrics: [
    { name: 'dau', label: 'DAU', kind: 'count' },
    { name: 'tokens', label: 'Tokens', kind: 'count' },
    { name: 'image_generations', label: 'Image generations', kind: 'count' },
    { name: 'video_generations', label: 'Video generations', kind: 'count' },
    { name: 'seat_activation', label: 'Seat activation (7-day active users / seats)', kind: 'ratio', display: 'percent' },
    // 100 % = on pace to use exactly the monthly quota.
    { name: 'quota_burn', label: 'Quota burn pace (month-to-date tokens / pro-rated quota)', kind: 'ratio', display: 'percent' },
  ],
  qualityChecks: [
    { column: 'dq_duplicate_rows', problem: 'duplicate usage_daily rows for one (dt, user_id) (a day loaded twice?)', metrics: 'all' },
    { column: 'dq_bad_tokens', problem: 'usage_daily rows with tokens_consumed NULL, NaN, ±Infinity or negative', metrics: ['tokens', 'quota_burn'] },
    { column: 'dq_bad_images', problem: 'usage_daily rows with image_generations NULL, NaN, ±Infinity or negative', metrics: ['image_generations'] },
    { column: 'dq_bad_videos', problem: 'usage_daily rows with video_generations NULL, NaN, ±Infinity or negative', metrics: ['video_generations'] },
  ],
  drillDown: {
    sqlFile: 'drilldown/enterprise.sql',
    dimensions: () => ['user'],
    // Every metric is a sum over the org's users: seat activation as (active in the last
    // 7 days ? 1 : 0) / seats, quota burn as the user's month-to-date tokens over the pace.
    combine: {
      dau: 'sum',
      tokens: 'sum',
      image_generations: 'sum',
      video_generations: 'sum',
      seat_activation: 'sum',
      quota_burn: 'sum',
    },
    // Hundreds of users, each a fraction of a percent: see rankByChange for why not balanced cost.
    rankedByChange: ['user'],
  },
  lagDays: 1,
  queryParams(_config, window) {
    // The first returned day needs its 7-day activation window and its month-to-date sum.
    const activationStart = addDays(window.start, -(SEAT_ACTIVATION_WINDOW_DAYS - 1));
    return { scan_start: { type: 'DATE', value: earlier(activationStart, startOfMonth(window.start)) } };
  },
  criticalAction() {
    return 'contact the account';
  },
};
