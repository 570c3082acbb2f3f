import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDate, isWeekend, type IsoDate } from '../../src/dates/iso-date.js';
import type { InjectedAnomaly } from '../../src/demo/generate.js';
import { anomalySeries, usageSegmentSeries, type UsageTable } from './helpers/metric-series.js';
import { SEVERITY_Z, USAGE_DROP_GATES, sameWeekdayScore } from './helpers/same-weekday.js';
import { rows, tempWarehouse, type TempWarehouse } from './helpers/temp-warehouse.js';

/** The shipped default σ floor (config/monitor.yaml): σ ≥ 2 % of μ. */
const RELATIVE_SIGMA_FLOOR = 0.02;

/**
 * Drill-down per anomaly: value of each member of the root-cause dimension on the day
 * ($1) and a week earlier ($2). The member that moved most in the anomaly's direction
 * must be the recorded root cause.
 */
const DRILL_DOWN: Record<string, string> = {
  'usage-enterprise-contract-dau-drop': `
    SELECT o.org_name AS member, count(DISTINCT u.user_id) FILTER (u.dt = $1) AS now, count(DISTINCT u.user_id) FILTER (u.dt = $2) AS before
    FROM usage_daily u JOIN enterprise_orgs o ON o.org_id = u.org_id
    WHERE o.enterprise_type = 'contract' AND NOT o.excluded AND NOT u.is_internal AND u.dt IN ($1, $2) GROUP BY 1`,
  'usage-enterprise-pilot-video-spike': `
    SELECT o.org_name AS member, sum(u.video_generations) FILTER (u.dt = $1) AS now, sum(u.video_generations) FILTER (u.dt = $2) AS before
    FROM usage_daily u JOIN enterprise_orgs o ON o.org_id = u.org_id
    WHERE o.enterprise_type = 'pilot' AND NOT o.excluded AND NOT u.is_internal AND u.dt IN ($1, $2) GROUP BY 1`,
  'usage-paying-image-spike': `
    SELECT tier AS member, sum(image_generations) FILTER (dt = $1) AS now, sum(image_generations) FILTER (dt = $2) AS before
    FROM usage_daily WHERE org_id IS NULL AND NOT is_internal AND dt IN ($1, $2) GROUP BY 1`,
  'usage-free-image-spike': `
    SELECT tier AS member, sum(image_generations) FILTER (dt = $1) AS now, sum(image_generations) FILTER (dt = $2) AS before
    FROM usage_daily WHERE org_id IS NULL AND NOT is_internal AND dt IN ($1, $2) GROUP BY 1`,
  'usage-free-dau-drop': `
    SELECT tier AS member, count(*) FILTER (dt = $1) AS now, count(*) FILTER (dt = $2) AS before
    FROM usage_daily WHERE org_id IS NULL AND NOT is_internal AND dt IN ($1, $2) GROUP BY 1`,
  'gpu-studio-idle-spike': `
    SELECT process AS member, sum(row_cost) FILTER (dt = $1) AS now, sum(row_cost) FILTER (dt = $2) AS before
    FROM gpu_cost WHERE vertical = 'studio' AND cost_category = 'idle' AND dt IN ($1, $2) GROUP BY 1`,
  'api-video-p95-latency': `
    SELECT endpoint AS member, quantile_cont(processing_ms, 0.95) FILTER (dt = $1) AS now,
           quantile_cont(processing_ms, 0.95) FILTER (dt = $2) AS before
    FROM api_requests WHERE NOT is_internal AND dt IN ($1, $2) GROUP BY 1`,
  'api-infra-error-burst': `
    SELECT endpoint AS member, count(*) FILTER (dt = $1 AND error_source = 'infrastructure') AS now,
           count(*) FILTER (dt = $2 AND error_source = 'infrastructure') AS before
    FROM api_requests WHERE NOT is_internal AND dt IN ($1, $2) GROUP BY 1`,
  'revenue-standard-cancellations-spike': `
    SELECT tier AS member, count(*) FILTER (dt = $1) AS now, count(*) FILTER (dt = $2) AS before
    FROM subscription_events WHERE event_type = 'cancellation' AND NOT is_internal AND dt IN ($1, $2) GROUP BY 1`,
};

function datesOf(anomaly: InjectedAnomaly): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = anomaly.start; d <= anomaly.end; d = addDays(d, 1)) out.push(d);
  return out;
}

describe.each([
  { seed: 42, days: 120, end: isoDate('2026-11-24'), scale: 1 },
  { seed: 5, days: 120, end: isoDate('2026-06-06'), scale: 1 },
  // Twice the users: sums double, rates and the planted factors do not, so every check holds.
  { seed: 5, days: 120, end: isoDate('2026-06-06'), scale: 2 },
])('injected anomalies (seed $seed, ending $end, scale $scale)', (options) => {
  let demo: TempWarehouse;
  let usage: UsageTable;
  beforeAll(async () => {
    demo = await tempWarehouse(options);
    usage = await usageSegmentSeries(demo.connection);
  });
  afterAll(() => demo?.dispose());

  it('covers every domain and ends with an alert on the last day', () => {
    const domains = new Set(demo.summary.anomalies.map((a) => a.domain));
    expect([...domains].sort()).toEqual(['api-runtime', 'enterprise', 'gpu-cost', 'revenue', 'usage']);
    expect(demo.summary.anomalies.some((a) => a.start === options.end && a.domain === 'usage')).toBe(true);
  });

  it('makes each anomaly reach its expected severity against a same-weekday baseline', async () => {
    for (const anomaly of demo.summary.anomalies) {
      const series = await anomalySeries(demo.connection, anomaly.domain, anomaly.series, anomaly.metric, usage);
      for (const date of datesOf(anomaly)) {
        const score = sameWeekdayScore(series, date);
        expect(score, `${anomaly.id} ${date}`).toBeDefined();
        if (score === undefined) continue;
        expect(score.baseline, `${anomaly.id}: a full 10-week baseline`).toHaveLength(10);
        const sigma = Math.max(score.sd, RELATIVE_SIGMA_FLOOR * Math.abs(score.mean));
        const z = (score.value - score.mean) / sigma;
        const label = `${anomaly.id} ${date}: value ${score.value}, μ ${score.mean.toFixed(2)}, σ ${sigma.toFixed(2)}, z ${z.toFixed(1)}`;
        expect(Math.sign(z), label).toBe(anomaly.direction === 'up' ? 1 : -1);
        expect(Math.abs(z), label).toBeGreaterThan(SEVERITY_Z[anomaly.expectedSeverity]);
        const gate = anomaly.direction === 'down' && anomaly.domain === 'usage' ? USAGE_DROP_GATES[anomaly.series]?.[anomaly.metric] ?? 0 : 0;
        expect(-score.change, `${label}: passes the drop gate`).toBeGreaterThanOrEqual(anomaly.direction === 'down' ? gate : -Infinity);
        const ratio = score.value / score.mean;
        if (anomaly.magnitude === 0) expect(score.value, label).toBe(0);
        else expect(ratio / anomaly.magnitude, `${label}: magnitude`).toBeGreaterThan(0.6);
        if (anomaly.magnitude !== 0) expect(ratio / anomaly.magnitude, `${label}: magnitude`).toBeLessThan(1.45);
      }
    }
  });

  it('puts the free DAU drop well below the same weekday a week earlier, on a weekday', () => {
    const drop = demo.summary.anomalies.find((a) => a.id === 'usage-free-dau-drop') as InjectedAnomaly;
    const free = usage.get('free')?.get('dau');
    const now = free?.get(drop.start) ?? NaN;
    const weekBefore = free?.get(addDays(drop.start, -7)) ?? NaN;
    expect(now / weekBefore).toBeLessThan(0.65);
    expect(isWeekend(drop.start)).toBe(false);
  });

  it('lets a drill-down find the recorded root cause', async () => {
    for (const anomaly of demo.summary.anomalies) {
      if (anomaly.rootCause === null || anomaly.domain === 'enterprise') continue; // enterprise series are the org itself
      const sql = DRILL_DOWN[anomaly.id];
      expect(sql, `a drill-down query for ${anomaly.id}`).toBeDefined();
      if (sql === undefined) continue;
      const members = await rows(demo.connection, sql, [anomaly.start, addDays(anomaly.start, -7)]);
      const sign = anomaly.direction === 'up' ? 1 : -1;
      const moved = members.map((m) => ({ member: String(m['member']), move: sign * (Number(m['now'] ?? 0) - Number(m['before'] ?? 0)) }));
      moved.sort((a, b) => b.move - a.move);
      expect(moved[0]?.member, `${anomaly.id}: ${JSON.stringify(moved.slice(0, 3))}`).toBe(anomaly.rootCause.member);
    }
  });
});
