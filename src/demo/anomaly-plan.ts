import type { IsoDate } from '../dates/iso-date.js';
import { DemoCalendar } from './calendar.js';
import { ENDPOINT_IMAGES, ENDPOINT_VIDEO, PROCESS_VIDEO_RENDER } from './catalog.js';
import { DEMO_HEAVY_WINDOW_DAYS, DEMO_MIN_HISTORY_DAYS } from './constants.js';
import { generateOrgs, largestContractOrg, largestPilotOrg, midSizeContractOrg, type DemoOrg } from './orgs.js';
import type { InjectedAnomaly } from './types.js';

/** Factors the generators apply; the ground truth reports the same numbers. */
export const MAGNITUDE = {
  freeDau: 0.55,
  paidImages: 3,
  heavyTokens: 0.5,
  contractDau: 0.35,
  pilotVideo: 4,
  freeImages: 2.5,
  orgSilent: 0,
  studioIdle: 3,
  standardCancellations: 4,
  videoLatency: 2.5,
  infraErrors: 10,
} as const;

/** Day indexes (0 = first generated day) of every injected anomaly. */
export interface AnomalyDays {
  freeDauDrop: number;
  paidImageSpike: number;
  heavyTokenDrop: number;
  contractDauDrop: number;
  pilotVideoSpike: number;
  freeImageSpike: number;
  studioIdleSpike: number;
  standardCancellations: number;
  /** Three consecutive weekdays (Tue–Thu) on which the churn-risk org is silent. */
  churnDays: readonly number[];
  videoLatency: number;
  infraBurst: number;
}

export interface AnomalyPlan {
  days: AnomalyDays;
  largestContract: DemoOrg;
  churnOrg: DemoOrg;
  pilotSpikeOrg: DemoOrg;
  anomalies: InjectedAnomaly[];
}

/** Code-unit order, the same as SQL ORDER BY on VARCHAR (localeCompare is not). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const MONDAY = 1;
const THURSDAY = 4;
const FRIDAY = 5;

/**
 * Where the anomalies go: at fixed distances before `end`, nudged to the weekday a
 * rule needs. Every date has ≥ 75 days of history; the Heavy one also has a complete
 * 28-day token window behind each of its 10 baseline days. Anomalies that touch the
 * same series never share a weekday within 10 weeks, so none sits in another's
 * baseline: the free DAU drop avoids the weekday of `end` (free image spike), the
 * contract-wide drop (Mon/Fri) avoids the churn org's Tue–Thu silence.
 */
export function placeAnomalies(calendar: DemoCalendar): AnomalyDays {
  const last = calendar.lastIndex;
  const weekday = (index: number): boolean => !calendar.isWeekend(index);
  const scanBack = (from: number, ok: (index: number) => boolean): number => {
    for (let index = from; index >= DEMO_MIN_HISTORY_DAYS; index--) if (ok(index)) return index;
    throw new RangeError(`no day for an anomaly at or before index ${from}`);
  };
  const endWeekday = calendar.weekday(last);
  const latestThursday = scanBack(last - 9, (index) => calendar.weekday(index) === THURSDAY);
  const heavyTokenDrop = last - 15;
  if (heavyTokenDrop < DEMO_MIN_HISTORY_DAYS + DEMO_HEAVY_WINDOW_DAYS) throw new RangeError('window too short for the heavy anomaly');
  return {
    freeImageSpike: last,
    studioIdleSpike: last - 2,
    pilotVideoSpike: scanBack(last - 4, weekday),
    videoLatency: last - 6,
    churnDays: [latestThursday - 2, latestThursday - 1, latestThursday],
    heavyTokenDrop,
    standardCancellations: last - 19,
    paidImageSpike: last - 23,
    infraBurst: last - 27,
    freeDauDrop: scanBack(last - 31, (index) => weekday(index) && calendar.weekday(index) !== endWeekday),
    // Monday or Friday: every contract org dips that day, so it must not share a weekday
    // with the churn-risk org's Tuesday–Thursday silence (it would sit in that baseline).
    contractDauDrop: scanBack(last - 37, (index) => [MONDAY, FRIDAY].includes(calendar.weekday(index))),
  };
}

export function buildAnomalyPlan(seed: number, calendar: DemoCalendar): AnomalyPlan {
  const days = placeAnomalies(calendar);
  const orgs = generateOrgs(seed);
  const largestContract = largestContractOrg(orgs);
  const churnOrg = midSizeContractOrg(orgs);
  const pilotSpikeOrg = largestPilotOrg(orgs);
  const on = (index: number): { start: IsoDate; end: IsoDate } => ({ start: calendar.date(index), end: calendar.date(index) });
  const churnStart = days.churnDays[0] ?? 0;
  const churnEnd = days.churnDays[days.churnDays.length - 1] ?? 0;

  const anomalies: InjectedAnomaly[] = [
    {
      id: 'usage-enterprise-contract-dau-drop', domain: 'usage', series: 'enterprise_contract', metric: 'dau',
      ...on(days.contractDauDrop), direction: 'down', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.contractDau,
      cause: `SSO outage: ${largestContract.name}, the largest contract customer, was locked out all day and the other contract orgs ran at ~40 % of normal`,
      rootCause: { dimension: 'org', member: largestContract.name },
    },
    {
      id: 'enterprise-largest-org-silent', domain: 'enterprise', series: largestContract.name, metric: 'dau',
      ...on(days.contractDauDrop), direction: 'down', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.orgSilent,
      cause: `${largestContract.name} had no active user during the SSO outage (the same event as the contract DAU drop)`,
      rootCause: { dimension: 'org', member: largestContract.name },
    },
    {
      id: 'usage-free-dau-drop', domain: 'usage', series: 'free', metric: 'dau',
      ...on(days.freeDauDrop), direction: 'down', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.freeDau,
      cause: 'Login outage for free-tier users: 45 % of would-be free sessions failed to start',
      rootCause: { dimension: 'tier', member: 'free' },
    },
    {
      id: 'api-infra-error-burst', domain: 'api-runtime', series: 'total', metric: 'infra_error_rate',
      ...on(days.infraBurst), direction: 'up', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.infraErrors,
      cause: `GPU nodes behind ${ENDPOINT_IMAGES} crash-looped (out of memory): infrastructure errors ×10 across the API`,
      rootCause: { dimension: 'endpoint', member: ENDPOINT_IMAGES },
    },
    {
      id: 'usage-paying-image-spike', domain: 'usage', series: 'paying', metric: 'image_generations',
      ...on(days.paidImageSpike), direction: 'up', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.paidImages,
      cause: 'A new image style launched to pro subscribers: pro users generated several times their usual images',
      rootCause: { dimension: 'tier', member: 'pro' },
    },
    {
      id: 'revenue-standard-cancellations-spike', domain: 'revenue', series: 'standard', metric: 'cancellations',
      ...on(days.standardCancellations), direction: 'up', expectedSeverity: 'WARNING', magnitude: MAGNITUDE.standardCancellations,
      cause: 'A price-change email to standard subscribers: four times the usual standard cancellations',
      rootCause: { dimension: 'tier', member: 'standard' },
    },
    {
      id: 'usage-heavy-tokens-drop', domain: 'usage', series: 'heavy', metric: 'tokens',
      ...on(days.heavyTokenDrop), direction: 'down', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.heavyTokens,
      cause: 'A rate-limiter misconfiguration throttled high-volume accounts: heavy users consumed half their usual tokens',
      rootCause: null,
    },
    {
      id: 'enterprise-org-churn-risk', domain: 'enterprise', series: churnOrg.name, metric: 'dau',
      start: calendar.date(churnStart), end: calendar.date(churnEnd), direction: 'down', expectedSeverity: 'WARNING',
      magnitude: MAGNITUDE.orgSilent,
      cause: `${churnOrg.name} stopped using the product for three weekdays (renewal dispute): churn risk`,
      rootCause: { dimension: 'org', member: churnOrg.name },
    },
    {
      id: 'api-video-p95-latency', domain: 'api-runtime', series: ENDPOINT_VIDEO, metric: 'p95_processing_ms',
      ...on(days.videoLatency), direction: 'up', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.videoLatency,
      cause: `A degraded GPU node pool slowed ${ENDPOINT_VIDEO} inference 2.5×`,
      rootCause: { dimension: 'endpoint', member: ENDPOINT_VIDEO },
    },
    {
      id: 'usage-enterprise-pilot-video-spike', domain: 'usage', series: 'enterprise_pilot', metric: 'video_generations',
      ...on(days.pilotVideoSpike), direction: 'up', expectedSeverity: 'WARNING', magnitude: MAGNITUDE.pilotVideo,
      cause: `${pilotSpikeOrg.name} batch-rendered a video campaign during its pilot`,
      rootCause: { dimension: 'org', member: pilotSpikeOrg.name },
    },
    {
      id: 'gpu-studio-idle-spike', domain: 'gpu-cost', series: 'studio', metric: 'idle_cost',
      ...on(days.studioIdleSpike), direction: 'up', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.studioIdle,
      cause: `The ${PROCESS_VIDEO_RENDER} GPU pool stayed scaled up after a batch job: Studio idle cost tripled`,
      rootCause: { dimension: 'process', member: PROCESS_VIDEO_RENDER },
    },
    {
      id: 'usage-free-image-spike', domain: 'usage', series: 'free', metric: 'image_generations',
      ...on(days.freeImageSpike), direction: 'up', expectedSeverity: 'CRITICAL', magnitude: MAGNITUDE.freeImages,
      cause: 'A viral template campaign: free-tier users generated 2.5× their usual images (on the last generated day)',
      rootCause: { dimension: 'tier', member: 'free' },
    },
  ];
  // Chronological, as readDemoSummary reads them back.
  anomalies.sort((a, b) => compareText(a.start, b.start) || compareText(a.id, b.id));
  return { days, largestContract, churnOrg, pilotSpikeOrg, anomalies };
}
