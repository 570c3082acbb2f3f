import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.js';
import type { DigestAlert, ResolvedLine } from '../../src/alerts/digest.js';
import { routeAlerts, type RoutableResolvedLine, type Route, type RoutedAlerts } from '../../src/alerts/routing.js';
import { activeSilenceFor, parseSilenceMatch, type Silence } from '../../src/alerts/silence-match.js';
import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { UsageError } from '../../src/errors.js';
import type { Severity } from '../../src/stats/types.js';

const DAY = '2026-03-10' as IsoDate;

type AlertSpec = Pick<Alert, 'domain' | 'series' | 'metric'> & Partial<Alert>;

function makeAlert(spec: AlertSpec): Alert {
  return {
    date: DAY,
    seriesLabel: spec.series,
    group: null,
    metricLabel: spec.metric,
    unit: null,
    display: null,
    severity: 'WARNING',
    direction: 'up',
    value: 135,
    mean: 100,
    sd: 10,
    sdFloored: false,
    z: 3.5,
    pctChange: 0.35,
    baseline: { dates: [addDays(DAY, -7)], values: [100] },
    action: 'Look.',
    note: null,
    contributors: [],
    ...spec,
  };
}

function digestAlert(spec: AlertSpec): DigestAlert {
  return { alert: makeAlert(spec), lifecycle: { kind: 'new' }, escalatedFrom: null };
}

function resolvedLine(spec: Pick<ResolvedLine, 'domain' | 'series' | 'metric'> & { group?: string | null }): RoutableResolvedLine {
  return { seriesLabel: spec.series, metricLabel: spec.metric, since: addDays(DAY, -3), date: DAY, ...spec };
}

function route(name: string, match: Route['match'], extra: Partial<Route> = {}): Route {
  return { name, match, webhookEnv: `SLACK_WEBHOOK_${name.toUpperCase().replace(/-/g, '_')}`, ...extra };
}

/** The team routes of DOMAINS.md, in the order the shipped config gives them. */
const TEAM_ROUTES: readonly Route[] = [
  route('api-team', { domain: 'gpu-cost', series: 'api' }),
  route('studio-team', { domain: 'gpu-cost', series: 'studio' }),
  route('product', { domain: 'api-runtime', metric: 'applicative_error_rate' }),
  route('engineering', { domain: 'api-runtime' }),
  route('customer-success', { domain: 'enterprise' }),
  route('customer-success-usage', { domain: 'usage', series: ['enterprise_contract', 'enterprise_pilot'] }, { continue: true }),
];
const FALLBACK = route('default', {}, { webhookEnv: 'SLACK_WEBHOOK_URL' });

/** route name → "series/metric" of what it received. */
function summary(routed: readonly RoutedAlerts[]): Record<string, string[]> {
  return Object.fromEntries(
    routed.map((r) => [
      r.route.name,
      [...r.alerts.map((d) => `${d.alert.series}/${d.alert.metric}`), ...r.resolved.map((l) => `resolved ${l.series}/${l.metric}`)],
    ]),
  );
}

describe('routeAlerts: the team routes', () => {
  it('sends each domain/series/metric to its team and everything else to the fallback', () => {
    const alerts = [
      digestAlert({ domain: 'gpu-cost', series: 'api', metric: 'idle_cost' }),
      digestAlert({ domain: 'gpu-cost', series: 'studio', metric: 'failure_rate' }),
      digestAlert({ domain: 'api-runtime', series: 'total', metric: 'infra_error_rate' }),
      digestAlert({ domain: 'api-runtime', series: '/v1/images', metric: 'applicative_error_rate' }),
      digestAlert({ domain: 'enterprise', series: 'acme', metric: 'dau', group: 'contract' }),
      digestAlert({ domain: 'revenue', series: 'pro', metric: 'cancellations' }),
      digestAlert({ domain: 'usage', series: 'free', metric: 'dau' }),
    ];
    const routed = routeAlerts(alerts, [], TEAM_ROUTES, FALLBACK);
    expect(summary(routed)).toEqual({
      'api-team': ['api/idle_cost'],
      'studio-team': ['studio/failure_rate'],
      product: ['/v1/images/applicative_error_rate'],
      engineering: ['total/infra_error_rate'],
      'customer-success': ['acme/dau'],
      default: ['pro/cancellations', 'free/dau'],
    });
    // Output order is route order, fallback last; routes with nothing to say are left out.
    expect(routed.map((r) => r.route)).toEqual([...TEAM_ROUTES.slice(0, 5), FALLBACK]);
  });

  it('returns nothing when there is nothing to say', () => {
    expect(routeAlerts([], [], TEAM_ROUTES, FALLBACK)).toEqual([]);
  });

  it('continue: true sends the alert on, here to the fallback as well', () => {
    const routed = routeAlerts([digestAlert({ domain: 'usage', series: 'enterprise_contract', metric: 'dau' })], [], TEAM_ROUTES, FALLBACK);
    expect(summary(routed)).toEqual({ 'customer-success-usage': ['enterprise_contract/dau'], default: ['enterprise_contract/dau'] });
  });

  it('continue: true reaches the next matching route, which stops it before the fallback', () => {
    const routes = [
      route('audit', { domain: 'revenue' }, { continue: true }),
      route('nobody', { domain: 'usage' }),
      route('finance', { domain: 'revenue', metric: ['refunds', 'refund_amount'] }),
    ];
    const routed = routeAlerts([digestAlert({ domain: 'revenue', series: 'total', metric: 'refunds' })], [], routes, FALLBACK);
    expect(summary(routed)).toEqual({ audit: ['total/refunds'], finance: ['total/refunds'] });
  });
});

describe('routeAlerts: minSeverity', () => {
  const routes = [route('pager', { domain: 'revenue', minSeverity: 'CRITICAL' }), route('finance', { domain: 'revenue' })];

  it('lets an alert below the minimum fall through to later routes', () => {
    const alerts = [
      digestAlert({ domain: 'revenue', series: 'total', metric: 'revenue', severity: 'CRITICAL' }),
      digestAlert({ domain: 'revenue', series: 'pro', metric: 'refunds', severity: 'WARNING' }),
      digestAlert({ domain: 'usage', series: 'free', metric: 'dau', severity: 'CRITICAL' }),
    ];
    expect(summary(routeAlerts(alerts, [], routes, FALLBACK))).toEqual({
      pager: ['total/revenue'],
      finance: ['pro/refunds'],
      default: ['free/dau'],
    });
  });

  it('compares with the escalated severity', () => {
    const escalated: DigestAlert = {
      alert: makeAlert({ domain: 'revenue', series: 'total', metric: 'mrr', severity: 'CRITICAL' }),
      lifecycle: { kind: 'ongoing', day: 4 },
      escalatedFrom: 'WARNING',
    };
    expect(summary(routeAlerts([escalated], [], routes, FALLBACK))).toEqual({ pager: ['total/mrr'] });
  });

  it('a minimum of NOTICE or WARNING admits that level and above', () => {
    const severities: Severity[] = ['NOTICE', 'WARNING', 'CRITICAL'];
    const alerts = severities.map((severity) => digestAlert({ domain: 'usage', series: severity, metric: 'dau', severity }));
    const routed = routeAlerts(alerts, [], [route('loud', { minSeverity: 'WARNING' })], FALLBACK);
    expect(summary(routed)).toEqual({ loud: ['WARNING/dau', 'CRITICAL/dau'], default: ['NOTICE/dau'] });
  });
});

describe('routeAlerts: resolved lines', () => {
  it('go where an alert of their identity would, minSeverity ignored', () => {
    const routes = [route('pager', { domain: 'revenue', minSeverity: 'CRITICAL' }), ...TEAM_ROUTES];
    const resolved = [
      resolvedLine({ domain: 'gpu-cost', series: 'studio', metric: 'idle_cost' }),
      resolvedLine({ domain: 'revenue', series: 'total', metric: 'revenue' }),
      resolvedLine({ domain: 'usage', series: 'enterprise_pilot', metric: 'tokens' }),
      resolvedLine({ domain: 'usage', series: 'free', metric: 'dau' }),
    ];
    expect(summary(routeAlerts([], resolved, routes, FALLBACK))).toEqual({
      pager: ['resolved total/revenue'],
      'studio-team': ['resolved studio/idle_cost'],
      'customer-success-usage': ['resolved enterprise_pilot/tokens'],
      default: ['resolved enterprise_pilot/tokens', 'resolved free/dau'],
    });
  });

  it('match group routes by the line’s own group, else by an alert of the same series, else not at all', () => {
    const routes = [route('pilots', { domain: 'enterprise', group: 'pilot' })];
    const alerts = [digestAlert({ domain: 'enterprise', series: 'beta-co', metric: 'dau', group: 'pilot' })];
    const resolved = [
      resolvedLine({ domain: 'enterprise', series: 'acme', metric: 'dau', group: 'pilot' }),
      resolvedLine({ domain: 'enterprise', series: 'beta-co', metric: 'tokens' }),
      resolvedLine({ domain: 'enterprise', series: 'unknown-co', metric: 'dau' }),
      resolvedLine({ domain: 'enterprise', series: 'big-co', metric: 'dau', group: 'contract' }),
    ];
    expect(summary(routeAlerts(alerts, resolved, routes, FALLBACK))).toEqual({
      pilots: ['beta-co/dau', 'resolved acme/dau', 'resolved beta-co/tokens'],
      default: ['resolved unknown-co/dau', 'resolved big-co/dau'],
    });
  });

  it('an alert without a group never matches a group route', () => {
    const routed = routeAlerts([digestAlert({ domain: 'usage', series: 'free', metric: 'dau' })], [], [route('g', { group: ['contract', 'pilot'] })], FALLBACK);
    expect(summary(routed)).toEqual({ default: ['free/dau'] });
  });
});

describe('routeAlerts: properties', () => {
  const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
  const domains = ['usage', 'revenue', 'enterprise'] as const;
  const seriesNames = ['a', 'b', 'c'] as const;
  const metrics = ['dau', 'tokens', 'mrr'] as const;
  const groups = ['contract', 'pilot'] as const;
  const severities = ['NOTICE', 'WARNING', 'CRITICAL'] as const;
  const oneOrMany = <T extends string>(values: readonly T[]) =>
    fc.option(fc.oneof(pick(values), fc.uniqueArray(pick(values), { minLength: 1, maxLength: 2 })), { nil: undefined });

  const alertArb = fc
    .record({ domain: pick(domains), series: pick(seriesNames), metric: pick(metrics), group: fc.option(pick(groups), { nil: null }), severity: pick(severities) })
    .map((spec) => digestAlert(spec));
  const routeArb = (withContinue: boolean) =>
    fc
      .record({
        match: fc.record(
          { domain: oneOrMany(domains), series: oneOrMany(seriesNames), metric: oneOrMany(metrics), group: oneOrMany(groups), minSeverity: fc.option(pick(severities), { nil: undefined }) },
          { requiredKeys: [] },
        ),
        continue: withContinue ? fc.boolean() : fc.constant(false),
      })
      .map(({ match, continue: cont }) => ({ match, continue: cont }));
  const routesArb = (withContinue: boolean) =>
    fc.array(routeArb(withContinue), { maxLength: 6 }).map((rs) => rs.map((r, i) => route(`r${i}`, r.match, { continue: r.continue })));

  it('without continue, every alert lands in exactly one route', () => {
    fc.assert(
      fc.property(fc.array(alertArb, { maxLength: 30 }), routesArb(false), (alerts, routes) => {
        const routed = routeAlerts(alerts, [], routes, FALLBACK);
        const landed = routed.flatMap((r) => r.alerts);
        expect(landed).toHaveLength(alerts.length);
        for (const alert of alerts) expect(landed.filter((d) => d === alert)).toHaveLength(1);
      }),
    );
  });

  it('with continue, every alert lands at least once and never twice in one route', () => {
    fc.assert(
      fc.property(fc.array(alertArb, { maxLength: 30 }), routesArb(true), (alerts, routes) => {
        const routed = routeAlerts(alerts, [], routes, FALLBACK);
        for (const alert of alerts) {
          const holders = routed.filter((r) => r.alerts.includes(alert));
          expect(holders.length).toBeGreaterThanOrEqual(1);
          for (const r of holders) expect(r.alerts.filter((d) => d === alert)).toHaveLength(1);
        }
      }),
    );
  });
});

describe('activeSilenceFor', () => {
  const alert = makeAlert({ domain: 'usage', series: 'free', metric: 'dau' });
  const silence = (id: string, match: Silence['match'], until: string): Silence => ({ id, match, until: until as IsoDate, reason: 'known' });

  it('matches when every given key equals the alert’s; absent keys match anything', () => {
    expect(activeSilenceFor(alert, [silence('all-three', { domain: 'usage', series: 'free', metric: 'dau' }, DAY)])?.id).toBe('all-three');
    expect(activeSilenceFor(alert, [silence('domain-only', { domain: 'usage' }, DAY)])?.id).toBe('domain-only');
    expect(activeSilenceFor(alert, [silence('metric-only', { metric: 'dau' }, DAY)])?.id).toBe('metric-only');
  });

  it('does not match when any key differs', () => {
    const others = [
      silence('other-domain', { domain: 'revenue', series: 'free' }, DAY),
      silence('other-series', { domain: 'usage', series: 'paying' }, DAY),
      silence('other-metric', { domain: 'usage', series: 'free', metric: 'tokens' }, DAY),
    ];
    expect(activeSilenceFor(alert, others)).toBeUndefined();
  });

  it('holds through its until date (inclusive) and not a day later', () => {
    expect(activeSilenceFor(alert, [silence('ends-today', { series: 'free' }, DAY)])?.id).toBe('ends-today');
    expect(activeSilenceFor(alert, [silence('ended-yesterday', { series: 'free' }, addDays(DAY, -1))])).toBeUndefined();
  });

  it('of several, returns the one lasting longest', () => {
    const silences = [silence('short', { series: 'free' }, addDays(DAY, 1)), silence('long', { domain: 'usage' }, addDays(DAY, 9))];
    expect(activeSilenceFor(alert, silences)?.id).toBe('long');
  });
});

describe('parseSilenceMatch', () => {
  it('reads key=value pairs, in any order, spaces tolerated', () => {
    expect(parseSilenceMatch('domain=usage,series=free,metric=dau')).toEqual({ domain: 'usage', series: 'free', metric: 'dau' });
    expect(parseSilenceMatch(' metric = tokens , domain=usage ')).toEqual({ metric: 'tokens', domain: 'usage' });
    expect(parseSilenceMatch('series=/v1/images')).toEqual({ series: '/v1/images' });
  });

  it.each([
    ['unknown key', 'domain=usage,segment=free', /unknown key "segment"/],
    ['empty value', 'domain=usage,series=', /series has an empty value/],
    ['no =', 'domain', /"domain" is not key=value/],
    ['two =', 'domain=a=b', /is not key=value/],
    ['trailing comma', 'domain=usage,', /"" is not key=value/],
    ['repeated key', 'domain=usage,domain=revenue', /domain is given twice/],
    ['empty text', '  ', /silence match is empty/],
  ])('refuses %s with a one-line UsageError', (_case, text, message) => {
    let thrown: unknown;
    try {
      parseSilenceMatch(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    const error = thrown as UsageError;
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.hint).toBeTruthy();
  });
});
