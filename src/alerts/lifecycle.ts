import { addDays, type IsoDate } from '../dates/iso-date.js';
import { severityRank } from '../stats/severity.js';
import type { Severity } from '../stats/types.js';
import { compareAlerts, type Alert, type DomainReport } from './alert.js';
import type { DigestAlert, Lifecycle, ResolvedLine } from './digest.js';

/**
 * Days before the target that a run scores too (same single query) so the alert lifecycle
 * (new / ongoing day n / resolved / escalation) comes from the data, not from whether
 * yesterday's cron happened to run. A backtest gives every day the same history.
 */
export const LIFECYCLE_HISTORY_DAYS = 14;

export interface LifecycleSettings {
  /** An alert also alerting this many days before today is raised one level; 0 = never. */
  readonly escalateAfterDays: number;
  /**
   * Alerts below this severity (after escalation) are reported, not posted. Absent: every
   * alert is posted. The shipped config says WARNING (config/monitor.yaml says why).
   */
  readonly minSeverity?: Severity;
}

/**
 * A resolved line that also carries the series' group, so that routing can send it where
 * an alert of the same identity went (routes may match on `group`). Assignable to
 * ResolvedLine: consumers that do not care simply ignore the field.
 */
export type GroupedResolvedLine = ResolvedLine & { readonly group: string | null };

export interface LifecycleResult {
  /** What to send, sorted with compareAlerts. */
  readonly alerts: DigestAlert[];
  readonly resolved: GroupedResolvedLine[];
  /** Held back because their series has a CRITICAL today (after escalation); recorded, not sent. */
  readonly inhibited: Alert[];
  /** Below minSeverity after escalation: in the report, recorded, not posted. */
  readonly belowMinimum: Alert[];
}

/**
 * Where each of today's alerts stands, derived from the reports of the previous days.
 *
 * WHY from reports and not from what was sent: the detector is deterministic and a run
 * scores a date range from one query, so yesterday's report is exactly what yesterday's
 * run saw. A failed delivery, a silence or a --dry-run must not reset a streak.
 *
 * `history`: the same domain's reports for earlier dates (any order, may have gaps);
 * reports of other domains or for today and later are ignored. `today`: the report being
 * delivered. Inputs are never mutated: escalated alerts are copies.
 */
export function applyLifecycle(
  today: DomainReport,
  history: readonly DomainReport[],
  settings: LifecycleSettings,
): LifecycleResult {
  const alertedOn = alertedIdentitiesByDate(today, history);
  const alertedOnDay = (identity: string, date: IsoDate): boolean => alertedOn.get(date)?.has(identity) === true;

  const staged = today.alerts.map((alert) => {
    const day = 1 + consecutiveDaysBefore(today.date, identityOf(alert), alertedOnDay);
    return toDigestAlert(alert, day, settings);
  });
  const audible = (d: DigestAlert): boolean => severityRank(d.alert.severity) >= severityRank(settings.minSeverity ?? 'NOTICE');
  const { sent, inhibited } = inhibitUnderCritical(staged.filter(audible));
  const belowMinimum = staged.filter((d) => !audible(d)).map((d) => d.alert);

  // WHY only when today is 'ok': a late pipeline (data_missing) or a failed query says
  // nothing about whether the metric is back to normal; "resolved" would be a false all-clear.
  // Only episodes whose last day was posted resolve: "back to normal" for an alert nobody
  // was sent is noise.
  const wasPosted = (alert: Alert, date: IsoDate): boolean =>
    audible(toDigestAlert(alert, 1 + consecutiveDaysBefore(date, identityOf(alert), alertedOnDay), settings));
  const resolved = today.status === 'ok' ? resolvedSince(today, history, alertedOnDay, wasPosted) : [];

  return {
    alerts: sent.sort((a, b) => compareAlerts(a.alert, b.alert)),
    resolved,
    inhibited: inhibited.sort(compareAlerts),
    belowMinimum: belowMinimum.sort(compareAlerts),
  };
}

/** The report with the series back to normal today, as the Slack digest lists them. */
export function withResolvedLines(report: DomainReport, resolved: readonly ResolvedLine[]): DomainReport {
  if (resolved.length === 0) return report;
  return {
    ...report,
    resolved: resolved.map(({ series, metric, seriesLabel, metricLabel, since, levelShift }) => ({
      series,
      metric,
      seriesLabel,
      metricLabel,
      since,
      ...(levelShift === undefined ? {} : { levelShift }),
    })),
  };
}

/**
 * Identity across days: (domain, series, metric, direction). WHY direction: a metric that
 * spiked yesterday and crashed today is two different problems (the spike resolved, the
 * crash is new), not day 2 of one. JSON keeps the key free of separator collisions.
 */
function identityOf(alert: Pick<Alert, 'domain' | 'series' | 'metric' | 'direction'>): string {
  return JSON.stringify([alert.domain, alert.series, alert.metric, alert.direction]);
}

/**
 * For each earlier date with an 'ok' report, the identities that alerted on it. WHY only
 * 'ok' reports: a day with missing data or a failed query is a day on which we do not know
 * whether the alert held, so it is treated like an absent day and breaks the streak.
 */
function alertedIdentitiesByDate(today: DomainReport, history: readonly DomainReport[]): Map<IsoDate, Set<string>> {
  const byDate = new Map<IsoDate, Set<string>>();
  for (const report of history) {
    if (report.domain !== today.domain || report.date >= today.date || report.status !== 'ok') continue;
    const identities = byDate.get(report.date) ?? new Set<string>();
    for (const alert of report.alerts) identities.add(identityOf(alert));
    byDate.set(report.date, identities);
  }
  return byDate;
}

/**
 * How many calendar days right before `date` the identity alerted without a break.
 * Deliberately simple: consecutive calendar dates only. A weekday-only domain's alert
 * that fires Friday and again Monday restarts at `new` on Monday (the weekend had no
 * alert), which under-counts rather than over-escalates.
 */
function consecutiveDaysBefore(
  date: IsoDate,
  identity: string,
  alertedOnDay: (identity: string, date: IsoDate) => boolean,
): number {
  let days = 0;
  for (let d = addDays(date, -1); alertedOnDay(identity, d); d = addDays(d, -1)) days += 1;
  return days;
}

function toDigestAlert(alert: Alert, day: number, settings: LifecycleSettings): DigestAlert {
  const lifecycle: Lifecycle = day === 1 ? { kind: 'new' } : { kind: 'ongoing', day };
  // WHY escalate: a NOTICE that holds for days is no longer noise a person can skim; the
  // persistence itself is the signal. One level only (not one per extra period), and
  // CRITICAL stays: there is nothing above paging the owner.
  const escalates = settings.escalateAfterDays > 0 && day >= settings.escalateAfterDays + 1;
  const raised = escalates ? oneLevelUp(alert.severity) : alert.severity;
  if (raised === alert.severity) return { alert, lifecycle, escalatedFrom: null };
  return { alert: { ...alert, severity: raised }, lifecycle, escalatedFrom: alert.severity };
}

function oneLevelUp(severity: Severity): Severity {
  switch (severity) {
    case 'NOTICE':
      return 'WARNING';
    case 'WARNING':
    case 'CRITICAL':
      return 'CRITICAL';
  }
}

/**
 * WHY inhibit: when a series has a CRITICAL (after escalation), that alert already pages
 * its owner; the same series' lesser alerts (usually symptoms of the same incident) only
 * bury it. They are returned as `inhibited` (as they would have been sent, i.e. escalated)
 * so that they are recorded. Other series are untouched, even in the same domain.
 */
function inhibitUnderCritical(staged: readonly DigestAlert[]): { sent: DigestAlert[]; inhibited: Alert[] } {
  const seriesKey = (a: Alert): string => JSON.stringify([a.domain, a.series]);
  const critical = new Set(staged.filter((d) => d.alert.severity === 'CRITICAL').map((d) => seriesKey(d.alert)));
  const sent: DigestAlert[] = [];
  const inhibited: Alert[] = [];
  for (const digestAlert of staged) {
    const { alert } = digestAlert;
    const underCritical = critical.has(seriesKey(alert)) && severityRank(alert.severity) < severityRank('CRITICAL');
    if (underCritical) inhibited.push(alert);
    else sent.push(digestAlert);
  }
  return { sent, inhibited };
}

/**
 * Identities that alerted yesterday (today − 1, an 'ok' report) and do not alert today.
 * `since` walks back while consecutive, so it names the first day of the episode that
 * just ended. Sorted by series then metric so the digest does not depend on input order.
 */
function resolvedSince(
  today: DomainReport,
  history: readonly DomainReport[],
  alertedOnDay: (identity: string, date: IsoDate) => boolean,
  wasPosted: (alert: Alert, date: IsoDate) => boolean,
): GroupedResolvedLine[] {
  const yesterday = addDays(today.date, -1);
  const alertingToday = new Set(today.alerts.map(identityOf));
  const yesterdaysAlerts = new Map<string, Alert>();
  for (const report of history) {
    if (report.domain !== today.domain || report.date !== yesterday || report.status !== 'ok') continue;
    for (const alert of report.alerts) if (wasPosted(alert, yesterday)) yesterdaysAlerts.set(identityOf(alert), alert);
  }
  // An episode that ended because the recent level absorbed it became the new normal: the
  // line says "level shift since D" instead of "back to normal".
  const shiftedToday = new Map((today.levelShifts ?? []).map((s) => [identityOf({ domain: today.domain, series: s.series, metric: s.metric, direction: s.change > 0 ? 'up' : 'down' }), s]));
  const lines: GroupedResolvedLine[] = [];
  for (const [identity, alert] of yesterdaysAlerts) {
    if (alertingToday.has(identity)) continue;
    const since = addDays(yesterday, -consecutiveDaysBefore(yesterday, identity, alertedOnDay));
    const shift = shiftedToday.get(identity);
    lines.push({
      ...(shift === undefined ? {} : { levelShift: { since: shift.since, change: shift.change, mode: shift.mode } }),
      domain: alert.domain,
      series: alert.series,
      seriesLabel: alert.seriesLabel,
      group: alert.group,
      metric: alert.metric,
      metricLabel: alert.metricLabel,
      since,
      date: today.date,
    });
  }
  return lines.sort((a, b) => a.series.localeCompare(b.series) || a.metric.localeCompare(b.metric));
}
