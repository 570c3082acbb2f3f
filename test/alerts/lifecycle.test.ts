import { describe, expect, it } from 'vitest';
import { compareAlerts, type Alert, type DomainReport } from '../../src/alerts/alert.js';
import { applyLifecycle, type LifecycleResult, type LifecycleSettings } from '../../src/alerts/lifecycle.js';
import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { resolvedText } from '../../src/alerts/resolved-text.js';
import type { Severity } from '../../src/stats/types.js';

const START = '2026-03-02' as IsoDate; // a Monday; the lifecycle does not care, but it reads well
const ESCALATE_AFTER_3: LifecycleSettings = { escalateAfterDays: 3 };

type AlertSpec = Partial<Omit<Alert, 'date'>>;

/** An alert with plausible values; identity fields default to usage / free / dau / up. */
function makeAlert(date: IsoDate, spec: AlertSpec = {}): Alert {
  const series = spec.series ?? 'free';
  const metric = spec.metric ?? 'dau';
  const severity: Severity = spec.severity ?? 'NOTICE';
  const z = { NOTICE: 2.5, WARNING: 3.5, CRITICAL: 6 }[severity];
  return {
    domain: 'usage',
    date,
    series,
    seriesLabel: series.toUpperCase(),
    group: null,
    metric,
    metricLabel: metric.toUpperCase(),
    unit: null,
    display: null,
    severity,
    direction: 'up',
    value: 100 + 10 * z,
    mean: 100,
    sd: 10,
    sdFloored: false,
    z,
    pctChange: z / 10,
    baseline: { dates: [addDays(date, -7)], values: [100] },
    action: 'Look.',
    note: null,
    contributors: [],
    ...spec,
  };
}

function makeReport(date: IsoDate, alerts: readonly AlertSpec[], status: DomainReport['status'] = 'ok'): DomainReport {
  return {
    domain: 'usage',
    title: 'Usage',
    date,
    status,
    alerts: status === 'ok' ? alerts.map((spec) => makeAlert(date, spec)) : [],
    checked: status === 'ok' ? 20 : 0,
    insufficientHistory: [],
    suppressed: [],
    dataQuality: [],
    notes: [],
  };
}

/** One entry per consecutive day from START: the day's alerts, a non-ok status, or 'gap' (no report at all). */
type DayPlan = readonly AlertSpec[] | 'data_missing' | 'failed' | 'gap';

function generateDays(plan: readonly DayPlan[]): (DomainReport | undefined)[] {
  return plan.map((day, i) => {
    const date = addDays(START, i);
    if (day === 'gap') return undefined;
    if (day === 'data_missing' || day === 'failed') return makeReport(date, [], day);
    return makeReport(date, day);
  });
}

/** Applies the lifecycle to day `index` of the plan, with every earlier generated report as history. */
function lifecycleOn(plan: readonly DayPlan[], index: number, settings = ESCALATE_AFTER_3): LifecycleResult {
  const reports = generateDays(plan);
  const today = reports[index];
  if (today === undefined) throw new Error(`day ${index} of the plan has no report`);
  const history = reports.slice(0, index).filter((r): r is DomainReport => r !== undefined);
  return applyLifecycle(today, history, settings);
}

const freeDau: AlertSpec = { series: 'free', metric: 'dau' };

describe('applyLifecycle: streaks, escalation, resolution', () => {
  // Alerting four days running (NOTICE), then quiet for two.
  const plan: DayPlan[] = [[freeDau], [freeDau], [freeDau], [freeDau], [], []];

  it('labels day 1 new, then ongoing day 2 and day 3 without escalating', () => {
    const kinds = [0, 1, 2].map((i) => lifecycleOn(plan, i).alerts.map((a) => [a.lifecycle, a.escalatedFrom, a.alert.severity]));
    expect(kinds).toEqual([
      [[{ kind: 'new' }, null, 'NOTICE']],
      [[{ kind: 'ongoing', day: 2 }, null, 'NOTICE']],
      [[{ kind: 'ongoing', day: 3 }, null, 'NOTICE']],
    ]);
  });

  it('raises the alert one level on day escalateAfterDays + 1 and records the original severity', () => {
    const [escalated, ...rest] = lifecycleOn(plan, 3).alerts;
    expect(rest).toEqual([]);
    expect(escalated?.lifecycle).toEqual({ kind: 'ongoing', day: 4 });
    expect(escalated?.alert.severity).toBe('WARNING');
    expect(escalated?.escalatedFrom).toBe('NOTICE');
  });

  it('resolves the day after it stops, with since = the first day of the episode', () => {
    const result = lifecycleOn(plan, 4);
    expect(result.alerts).toEqual([]);
    expect(result.resolved).toEqual([
      {
        domain: 'usage',
        series: 'free',
        seriesLabel: 'FREE',
        group: null,
        metric: 'dau',
        metricLabel: 'DAU',
        since: START,
        date: addDays(START, 4),
      },
    ]);
  });

  it('says resolved only once: two days after it stopped there is nothing', () => {
    expect(lifecycleOn(plan, 5).resolved).toEqual([]);
  });

  it('follows the configured day: escalateAfterDays 1 escalates on day 2, 0 never escalates', () => {
    const longRun: DayPlan[] = Array.from({ length: 10 }, () => [freeDau]);
    expect(lifecycleOn(longRun, 0, { escalateAfterDays: 1 }).alerts[0]?.escalatedFrom).toBeNull();
    expect(lifecycleOn(longRun, 1, { escalateAfterDays: 1 }).alerts[0]?.escalatedFrom).toBe('NOTICE');
    const never = lifecycleOn(longRun, 9, { escalateAfterDays: 0 }).alerts[0];
    expect(never?.lifecycle).toEqual({ kind: 'ongoing', day: 10 });
    expect(never?.alert.severity).toBe('NOTICE');
    expect(never?.escalatedFrom).toBeNull();
  });

  it('raises WARNING to CRITICAL once, and leaves CRITICAL as it is (escalatedFrom null)', () => {
    const warnings: DayPlan[] = Array.from({ length: 8 }, () => [{ ...freeDau, severity: 'WARNING' }]);
    const day8 = lifecycleOn(warnings, 7).alerts[0];
    expect([day8?.alert.severity, day8?.escalatedFrom]).toEqual(['CRITICAL', 'WARNING']);
    const criticals: DayPlan[] = Array.from({ length: 5 }, () => [{ ...freeDau, severity: 'CRITICAL' }]);
    const day5 = lifecycleOn(criticals, 4).alerts[0];
    expect([day5?.alert.severity, day5?.escalatedFrom]).toEqual(['CRITICAL', null]);
  });

  it('keeps each identity apart: another metric or the other direction starts its own streak', () => {
    const down: AlertSpec = { ...freeDau, direction: 'down' };
    const tokens: AlertSpec = { series: 'free', metric: 'tokens' };
    const result = lifecycleOn([[freeDau], [freeDau], [down, tokens]], 2);
    expect(result.alerts.map((a) => [a.alert.metric, a.alert.direction, a.lifecycle.kind])).toEqual([
      ['dau', 'down', 'new'],
      ['tokens', 'up', 'new'],
    ]);
    // The spike is over even though the metric now alerts the other way.
    expect(result.resolved.map((r) => [r.metric, r.since])).toEqual([['dau', START]]);
  });
});

describe('applyLifecycle: what breaks a streak', () => {
  it('a day without any report restarts the count', () => {
    const result = lifecycleOn([[freeDau], [freeDau], 'gap', [freeDau], [freeDau]], 4);
    expect(result.alerts[0]?.lifecycle).toEqual({ kind: 'ongoing', day: 2 });
  });

  it('a data_missing or failed day in history restarts the count', () => {
    for (const broken of ['data_missing', 'failed'] as const) {
      const result = lifecycleOn([[freeDau], [freeDau], broken, [freeDau]], 3);
      expect(result.alerts[0]?.lifecycle).toEqual({ kind: 'new' });
    }
  });

  it('since stops at the gap: only the last consecutive run is the episode', () => {
    const result = lifecycleOn([[freeDau], 'gap', [freeDau], [freeDau], []], 4);
    expect(result.resolved.map((r) => r.since)).toEqual([addDays(START, 2)]);
  });

  it('reads history in any order and ignores other domains and later dates', () => {
    const reports = generateDays([[freeDau], [freeDau], [freeDau], [freeDau]]).filter((r): r is DomainReport => r !== undefined);
    const today = reports[2];
    if (today === undefined) throw new Error('fixture');
    const otherDomain = { ...makeReport(addDays(START, 1), [freeDau]), domain: 'revenue' };
    const ordered = applyLifecycle(today, reports.slice(0, 2), ESCALATE_AFTER_3);
    const shuffled = applyLifecycle(today, [reports[3]!, reports[1]!, otherDomain, reports[0]!], ESCALATE_AFTER_3);
    expect(shuffled).toEqual(ordered);
    expect(ordered.alerts[0]?.lifecycle).toEqual({ kind: 'ongoing', day: 3 });
  });
});

describe('applyLifecycle: resolved lines need a normal day', () => {
  it('emits no resolved line when today is data_missing or failed', () => {
    for (const status of ['data_missing', 'failed'] as const) {
      expect(lifecycleOn([[freeDau], [freeDau], status], 2).resolved).toEqual([]);
    }
  });

  it('does not resolve what alerted two days ago but not yesterday', () => {
    expect(lifecycleOn([[freeDau], 'data_missing', []], 2).resolved).toEqual([]);
  });
});

describe('applyLifecycle: inhibition under a CRITICAL', () => {
  const day: AlertSpec[] = [
    { series: 'free', metric: 'tokens', severity: 'WARNING' },
    { series: 'free', metric: 'dau', severity: 'CRITICAL' },
    { series: 'free', metric: 'image_generations', severity: 'NOTICE' },
    { series: 'paying', metric: 'dau', severity: 'WARNING' },
    { series: 'paying', metric: 'tokens', severity: 'NOTICE' },
  ];

  it('holds back the WARNING and NOTICE of the series with a CRITICAL, not those of other series', () => {
    const result = lifecycleOn([day], 0);
    expect(result.alerts.map((a) => `${a.alert.series}/${a.alert.metric}`)).toEqual(['free/dau', 'paying/dau', 'paying/tokens']);
    expect(result.inhibited.map((a) => `${a.series}/${a.metric}/${a.severity}`)).toEqual([
      'free/tokens/WARNING',
      'free/image_generations/NOTICE',
    ]);
  });

  it('keeps every CRITICAL of the series', () => {
    const twoCriticals: AlertSpec[] = [
      { series: 'free', metric: 'dau', severity: 'CRITICAL' },
      { series: 'free', metric: 'tokens', severity: 'CRITICAL' },
    ];
    expect(lifecycleOn([twoCriticals], 0).alerts).toHaveLength(2);
  });

  it('inhibits under a CRITICAL that escalation produced', () => {
    const warnDau: AlertSpec = { series: 'free', metric: 'dau', severity: 'WARNING' };
    const noticeTokens: AlertSpec = { series: 'free', metric: 'tokens', severity: 'NOTICE' };
    const result = lifecycleOn([[warnDau], [warnDau], [warnDau], [warnDau, noticeTokens]], 3);
    expect(result.alerts.map((a) => [a.alert.metric, a.alert.severity, a.escalatedFrom])).toEqual([['dau', 'CRITICAL', 'WARNING']]);
    expect(result.inhibited.map((a) => a.metric)).toEqual(['tokens']);
  });

  it('an inhibited alert still counts as alerting: no resolved line, and its streak goes on', () => {
    const critical: AlertSpec = { series: 'free', metric: 'dau', severity: 'CRITICAL' };
    const tokens: AlertSpec = { series: 'free', metric: 'tokens', severity: 'NOTICE' };
    const result = lifecycleOn([[tokens], [critical, tokens], [tokens]], 2);
    expect(result.resolved.map((r) => r.metric)).toEqual(['dau']);
    expect(result.alerts[0]?.lifecycle).toEqual({ kind: 'ongoing', day: 3 });
  });
});

describe('applyLifecycle: output and inputs', () => {
  it('sorts alerts with compareAlerts', () => {
    const specs: AlertSpec[] = [
      { series: 'a', metric: 'm1', severity: 'NOTICE', z: 2.1 },
      { series: 'b', metric: 'm1', severity: 'WARNING', z: 3.1 },
      { series: 'c', metric: 'm1', severity: 'NOTICE', z: -2.9 },
      { series: 'd', metric: 'm1', severity: 'CRITICAL', z: 9 },
    ];
    const alerts = lifecycleOn([specs], 0).alerts.map((a) => a.alert);
    expect(alerts.map((a) => a.series)).toEqual(['d', 'b', 'c', 'a']);
    expect([...alerts].sort(compareAlerts)).toEqual(alerts);
  });

  it('never mutates its inputs, even when it escalates and inhibits', () => {
    const warnDau: AlertSpec = { series: 'free', metric: 'dau', severity: 'WARNING' };
    const reports = generateDays([[warnDau], [warnDau], [warnDau], [warnDau, { series: 'free', metric: 'tokens' }]]).filter(
      (r): r is DomainReport => r !== undefined,
    );
    const snapshot = structuredClone(reports);
    const today = reports[3]!;
    const result = applyLifecycle(today, reports.slice(0, 3), ESCALATE_AFTER_3);
    expect(result.alerts[0]?.alert.severity).toBe('CRITICAL');
    expect(reports).toEqual(snapshot);
    expect(today.alerts[0]?.severity).toBe('WARNING');
  });
});

describe('minSeverity: what is reported but not posted', () => {
  const MIN_WARNING: LifecycleSettings = { escalateAfterDays: 3, minSeverity: 'WARNING' };

  it('keeps a NOTICE out of the posted alerts, as belowMinimum, and posts a WARNING', () => {
    const today = makeReport(START, [{ series: 'free', severity: 'NOTICE' }, { series: 'paying', severity: 'WARNING' }]);
    const result = applyLifecycle(today, [], MIN_WARNING);
    expect(result.alerts.map((d) => d.alert.series)).toEqual(['paying']);
    expect(result.belowMinimum.map((a) => a.series)).toEqual(['free']);
  });

  it('posts a NOTICE once it escalates (alerting the 3 days before as well)', () => {
    const history = [1, 2, 3].map((back) => makeReport(addDays(START, -back), [{ severity: 'NOTICE' }]));
    const result = applyLifecycle(makeReport(START, [{ severity: 'NOTICE' }]), history, MIN_WARNING);
    expect(result.alerts).toEqual([expect.objectContaining({ escalatedFrom: 'NOTICE', alert: expect.objectContaining({ severity: 'WARNING' }) })]);
    expect(result.belowMinimum).toEqual([]);
  });

  it('says "resolved" only for an episode that was posted', () => {
    const yesterday = makeReport(addDays(START, -1), [{ series: 'free', severity: 'NOTICE' }, { series: 'paying', severity: 'CRITICAL' }]);
    const result = applyLifecycle(makeReport(START, []), [yesterday], MIN_WARNING);
    expect(result.resolved.map((r) => r.series)).toEqual(['paying']);
  });
});

describe('an episode that ends because it became the new level', () => {
  it('resolves as a level shift since its first day, not as back to normal', () => {
    const yesterday = makeReport(addDays(START, -1), [{ series: 'free', severity: 'CRITICAL', direction: 'down' }]);
    const today: DomainReport = {
      ...makeReport(START, []),
      levelShifts: [{ series: 'free', seriesLabel: 'FREE', metric: 'dau', metricLabel: 'DAU', since: addDays(START, -3), change: -0.25, mode: 'relative' }],
    };
    const [line] = applyLifecycle(today, [yesterday], ESCALATE_AFTER_3).resolved;
    expect(line).toMatchObject({ series: 'free', levelShift: { since: addDays(START, -3), change: -0.25, mode: 'relative' } });
    expect(resolvedText(line!)).toBe(`↦ FREE · DAU: level shift since ${addDays(START, -3)} (-25.0%), now the expected level (alerting since ${addDays(START, -1)})`);
  });

  it('a level shift the other way than yesterday’s alert does not explain it', () => {
    const yesterday = makeReport(addDays(START, -1), [{ series: 'free', severity: 'CRITICAL', direction: 'up' }]);
    const today: DomainReport = {
      ...makeReport(START, []),
      levelShifts: [{ series: 'free', seriesLabel: 'FREE', metric: 'dau', metricLabel: 'DAU', since: addDays(START, -3), change: -0.25, mode: 'relative' }],
    };
    const [line] = applyLifecycle(today, [yesterday], ESCALATE_AFTER_3).resolved;
    expect(line?.levelShift).toBeUndefined();
    expect(resolvedText(line!)).toBe(`✅ FREE · DAU back to normal (alerting since ${addDays(START, -1)})`);
  });
});
