import { emptyReport, type Alert, type AlertContributor, type DomainReport } from '../../../src/alerts/alert.js';
import type { Digest, DigestAlert, ResolvedLine } from '../../../src/alerts/digest.js';
import { recommendedAction } from '../../../src/alerts/recommended-action.js';
import { addDays, isoDate, type IsoDate } from '../../../src/dates/iso-date.js';
import { DEFAULT_THRESHOLDS, severityOf } from '../../../src/stats/severity.js';
import { DEFAULT_SIGMA_FLOOR, flooredSigma } from '../../../src/stats/sigma-floor.js';
import type { Severity } from '../../../src/stats/types.js';
import { relativeChange } from '../../../src/stats/z-score.js';

export const DATE = isoDate('2026-03-10');

// A fixed ±6 % weekly wiggle (sample σ ≈ 3.6 % of the level, above the default 2 % floor):
// baselines look real and every number is reproducible.
const WIGGLE = [0.02, -0.04, 0.06, -0.02, 0, 0.04, -0.06, 0.02, -0.04, 0.02];

export interface AlertSpec {
  readonly series: string;
  readonly metric: string;
  /** Typical baseline value; the ten same-weekday values wiggle around it. */
  readonly level: number;
  readonly value: number;
  readonly seriesLabel?: string;
  readonly metricLabel?: string;
  /** Defaults to what |z| earns under the default thresholds. */
  readonly severity?: Severity;
  readonly group?: string | null;
  readonly unit?: string | null;
  readonly display?: 'percent' | null;
  readonly note?: string | null;
  readonly contributors?: readonly AlertContributor[];
  /** The σ floor's absolute part, in the metric's unit (ratios need one far below 1). */
  readonly sigmaFloorAbsolute?: number;
}

/** An Alert scored the way the stats core scores one: μ, sample σ with the default floor, z. */
export function makeAlert(spec: AlertSpec): Alert {
  const values = WIGGLE.map((w) => spec.level * (1 + w));
  const dates = WIGGLE.map((_, i) => addDays(DATE, -7 * (WIGGLE.length - i)));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sampleSd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  const sd = flooredSigma(sampleSd, mean, { ...DEFAULT_SIGMA_FLOOR, absolute: spec.sigmaFloorAbsolute ?? DEFAULT_SIGMA_FLOOR.absolute });
  const z = (spec.value - mean) / sd;
  const direction = z >= 0 ? 'up' : 'down';
  const severity = spec.severity ?? severityOf(Math.abs(z), DEFAULT_THRESHOLDS);
  if (severity === null) throw new RangeError(`fixture ${spec.series}/${spec.metric}: z ${z.toFixed(2)} earns no alert; give a severity`);
  return {
    domain: 'usage',
    date: DATE,
    series: spec.series,
    seriesLabel: spec.seriesLabel ?? spec.series,
    group: spec.group ?? null,
    metric: spec.metric,
    metricLabel: spec.metricLabel ?? spec.metric,
    unit: spec.unit ?? null,
    display: spec.display ?? null,
    severity,
    direction,
    value: spec.value,
    mean,
    sd,
    sdFloored: sd > sampleSd,
    z,
    pctChange: relativeChange(spec.value, mean),
    baseline: { dates, values },
    action: recommendedAction(severity, direction),
    note: spec.note ?? null,
    contributors: spec.contributors ?? [],
  };
}

/** A ranked contributor the way src/rootcause builds one (balanced cost unless told). */
export function makeContributor(dimension: string, member: string, baseline: number, current: number, share: number | null, method: AlertContributor['method'] = 'balanced_cost'): AlertContributor {
  const status = baseline === 0 && current !== 0 ? 'appeared' : current === 0 && baseline !== 0 ? 'vanished' : 'changed';
  return { dimension, member, baseline, current, change: current - baseline, share, contributionChange: 0, cost: Math.abs(share ?? 0), status, method };
}

export function newAlert(alert: Alert): DigestAlert {
  return { alert, lifecycle: { kind: 'new' }, escalatedFrom: null };
}

export function resolvedLine(series: string, metricLabel: string, since: IsoDate): ResolvedLine {
  return { domain: 'usage', series, seriesLabel: series, metric: metricLabel, metricLabel, since, date: DATE };
}

export function makeDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    route: 'growth',
    domain: 'usage',
    domainTitle: 'Usage',
    date: DATE,
    alerts: [],
    resolved: [],
    criticalMentions: ['<!subteam^S0123>'],
    reproduce: `monitor usage --date ${DATE}`,
    ...overrides,
  };
}

const SEVERITY_CYCLE: readonly Severity[] = ['NOTICE', 'WARNING', 'CRITICAL', 'WARNING', 'NOTICE'];

/** `count` alerts, severities interleaved (NOTICE, WARNING, CRITICAL, WARNING, NOTICE, …). */
export function manyAlerts(count: number): DigestAlert[] {
  return Array.from({ length: count }, (_, i) => {
    const severity = SEVERITY_CYCLE[i % SEVERITY_CYCLE.length] ?? 'NOTICE';
    return newAlert(makeAlert({ series: `Org ${String(i).padStart(3, '0')}`, metric: 'DAU', level: 1000, value: 1500 + i, severity }));
  });
}

/** A domain report with nothing in it but what `overrides` gives (usage on DATE, status ok). */
export function makeReport(overrides: Partial<DomainReport> = {}): DomainReport {
  return { ...emptyReport({ domain: 'usage', title: 'Usage', date: DATE, status: 'ok' }), ...overrides };
}
