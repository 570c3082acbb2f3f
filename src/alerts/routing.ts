import { severityRank } from '../stats/severity.js';
import type { Severity } from '../stats/types.js';
import type { DataQualityFinding } from './alert.js';
import type { DigestAlert, ResolvedLine } from './digest.js';

/** What a route matches; every key present must match, a list means "any of". */
export interface RouteMatch {
  readonly domain?: string | readonly string[];
  readonly series?: string | readonly string[];
  readonly metric?: string | readonly string[];
  readonly group?: string | readonly string[];
  /** Compared with the alert's (possibly escalated) severity; ignored for resolved lines. */
  readonly minSeverity?: Severity;
}

export interface Route {
  readonly name: string;
  readonly match: RouteMatch;
  readonly webhookEnv: string;
  readonly criticalMentions?: readonly string[];
  /** Let later routes (and the fallback) see the alert too. */
  readonly continue?: boolean;
}

export interface RoutedAlerts {
  readonly route: Route;
  readonly alerts: DigestAlert[];
  readonly resolved: ResolvedLine[];
  /** Data-quality findings (values not scored), routed like an alert of the configured severity. */
  readonly findings: DataQualityFinding[];
}

/**
 * A resolved line may carry its series' group (applyLifecycle's lines do); without it a
 * group is looked up among the alerts being routed (see groupOfResolved).
 */
export type RoutableResolvedLine = ResolvedLine & { readonly group?: string | null | undefined };

/** The fields a route looks at: shared by alerts and resolved lines. */
interface RoutingSubject {
  readonly domain: string;
  readonly series: string;
  readonly metric: string;
  /** undefined: unknown (a resolved line whose group could not be found). */
  readonly group: string | null | undefined;
  /** undefined: a resolved line, for which minSeverity does not apply. */
  readonly severity: Severity | undefined;
}

/**
 * Alertmanager-style: each alert goes down the routes in order and lands in the first that
 * matches; it goes on only while the matched route says `continue: true`. The fallback is
 * the implicit last route and matches everything, so an alert that matched no route (or
 * only `continue` routes) lands there too. WHY: `continue` means "others want to see this
 * as well", and the default channel is one of those others (the shipped config relies on
 * it for enterprise segments of usage).
 *
 * Resolved lines follow the path an alert of their identity would take, with minSeverity
 * ignored: a line saying "back to normal" has no severity, and it must reach the channel
 * that saw the alert whatever its level was.
 *
 * Output: one entry per route with something to say, in route order, fallback last;
 * within an entry, alerts and resolved lines keep their input order.
 */
export function routeAlerts(
  alerts: readonly DigestAlert[],
  resolved: readonly RoutableResolvedLine[],
  routes: readonly Route[],
  fallback: Route,
  findings: { readonly items: readonly DataQualityFinding[]; readonly severity: Severity } = { items: [], severity: 'WARNING' },
): RoutedAlerts[] {
  const chain = [...routes, fallback];
  const buckets = chain.map((route): RoutedAlerts => ({ route, alerts: [], resolved: [], findings: [] }));

  for (const digestAlert of alerts) {
    const { alert } = digestAlert;
    const subject: RoutingSubject = {
      domain: alert.domain,
      series: alert.series,
      metric: alert.metric,
      group: alert.group,
      severity: alert.severity,
    };
    for (const index of routeIndexes(subject, chain)) buckets[index]?.alerts.push(digestAlert);
  }
  for (const line of resolved) {
    const subject: RoutingSubject = {
      domain: line.domain,
      series: line.series,
      metric: line.metric,
      group: groupOfResolved(line, alerts),
      severity: undefined,
    };
    for (const index of routeIndexes(subject, chain)) buckets[index]?.resolved.push(line);
  }
  // A value we could not score goes where an alert on it would have gone: the team that
  // owns the series is the one that can chase the bad rows.
  for (const finding of findings.items) {
    const subject: RoutingSubject = { ...finding, severity: findings.severity };
    for (const index of routeIndexes(subject, chain)) buckets[index]?.findings.push(finding);
  }
  return buckets.filter((b) => b.alerts.length > 0 || b.resolved.length > 0 || b.findings.length > 0);
}

/**
 * Where "data not arrived" goes: every route that serves the domain at all (ignoring its
 * series, metric, group and severity keys), or the fallback when none does. A late
 * pipeline concerns every team reading the domain, and no series or metric is there to
 * route by.
 */
export function routesForDomain(domain: string, routes: readonly Route[], fallback: Route): Route[] {
  const serving = routes.filter((route) => route.match.domain !== undefined && anyOf(route.match.domain, domain));
  return serving.length > 0 ? serving : [fallback];
}

/** Indexes into `chain` (routes then fallback) that the subject lands in. */
function routeIndexes(subject: RoutingSubject, chain: readonly Route[]): number[] {
  const landed: number[] = [];
  const last = chain.length - 1;
  for (const [index, route] of chain.entries()) {
    if (index === last) {
      landed.push(index); // the fallback: reached only when no route stopped the walk
      break;
    }
    if (!routeMatches(route.match, subject)) continue;
    landed.push(index);
    if (route.continue !== true) break;
  }
  return landed;
}

function routeMatches(match: RouteMatch, subject: RoutingSubject): boolean {
  if (!anyOf(match.domain, subject.domain)) return false;
  if (!anyOf(match.series, subject.series)) return false;
  if (!anyOf(match.metric, subject.metric)) return false;
  if (match.group !== undefined) {
    // A series without a group (null), or a resolved line whose group is unknown, does not
    // match a group route: better the default channel than a team that never owned it.
    if (subject.group === null || subject.group === undefined || !anyOf(match.group, subject.group)) return false;
  }
  if (match.minSeverity !== undefined && subject.severity !== undefined) {
    if (severityRank(subject.severity) < severityRank(match.minSeverity)) return false;
  }
  return true;
}

function anyOf(expected: string | readonly string[] | undefined, actual: string): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'string' ? expected === actual : expected.includes(actual);
}

/**
 * ResolvedLine (digest.ts) has no group. WHY look it up: group is a property of the series
 * (enterprise org → contract | pilot), so the line's own field wins, else any alert of the
 * same domain and series in this batch tells it; else it stays unknown.
 */
function groupOfResolved(line: RoutableResolvedLine, alerts: readonly DigestAlert[]): string | null | undefined {
  if (line.group !== undefined) return line.group;
  return alerts.find((d) => d.alert.domain === line.domain && d.alert.series === line.series)?.alert.group;
}
