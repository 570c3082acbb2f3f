import { INTERNAL_ORG_NAME, PARTNER_ORG_NAME, COMPANY_NAMES } from './company-names.js';
import { Rng } from './rng.js';

export type EnterpriseType = 'contract' | 'pilot';

export interface DemoOrg {
  index: number;
  orgId: string;
  name: string;
  type: EnterpriseType;
  seats: number;
  excluded: boolean;
  /** Excluded orgs: the company's own staff (is_internal) or a reseller partner. */
  internal: boolean;
}

export const CONTRACT_ORG_COUNT = 28;
export const PILOT_ORG_COUNT = 10;
/** The largest contract customer: clearly bigger than the rest, so "the largest" is unambiguous. */
export const LARGEST_CONTRACT_SEATS = 300;
const OTHER_CONTRACT_MAX_SEATS = 240;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * The enterprise customer roster: 28 contract orgs, 10 pilots and 2 excluded orgs.
 * Cheap and pure, because the anomaly plan names orgs without generating any usage.
 */
export function generateOrgs(seed: number): DemoOrg[] {
  const rng = new Rng(seed, 'orgs');
  const names = rng.shuffle([...COMPANY_NAMES]).slice(0, CONTRACT_ORG_COUNT + PILOT_ORG_COUNT);
  const orgs: DemoOrg[] = names.map((name, index) => {
    const type: EnterpriseType = index < CONTRACT_ORG_COUNT ? 'contract' : 'pilot';
    // Contract seat counts are skewed like real B2B rosters: many mid-size, few large.
    const seats =
      index === 0
        ? LARGEST_CONTRACT_SEATS
        : type === 'contract'
          ? clamp(Math.round(rng.logNormal(85, 0.6)), 12, OTHER_CONTRACT_MAX_SEATS)
          : clamp(Math.round(rng.logNormal(30, 0.45)), 10, 80);
    return { index, orgId: '', name, type, seats, excluded: false, internal: false };
  });
  orgs.push(
    { index: 0, orgId: '', name: INTERNAL_ORG_NAME, type: 'contract', seats: 140, excluded: true, internal: true },
    { index: 0, orgId: '', name: PARTNER_ORG_NAME, type: 'pilot', seats: 24, excluded: true, internal: false },
  );
  // Ids in roster order: a neutral key that says nothing about size or type.
  const idOrder = rng.shuffle(orgs.map((_, i) => i));
  orgs.forEach((org, i) => {
    org.index = i;
    org.orgId = `org_${String(1001 + (idOrder[i] ?? i))}`;
  });
  return orgs;
}

/**
 * The roster at `scale`: the same orgs (names, ids, types) with `scale` × the seats, so
 * that a bigger population fills them. The anomaly plan picks orgs from the unscaled
 * roster, and multiplying every seat count keeps their order anyway.
 */
export function scaleOrgs(orgs: DemoOrg[], scale: number): DemoOrg[] {
  return scale === 1 ? orgs : orgs.map((org) => ({ ...org, seats: org.seats * scale }));
}

export function largestContractOrg(orgs: readonly DemoOrg[]): DemoOrg {
  return bySeats(orgs.filter((org) => org.type === 'contract' && !org.excluded))[0] as DemoOrg;
}

export function largestPilotOrg(orgs: readonly DemoOrg[]): DemoOrg {
  return bySeats(orgs.filter((org) => org.type === 'pilot' && !org.excluded))[0] as DemoOrg;
}

/**
 * A mid-size contract org (the one nearest 110 seats, never the largest): big enough
 * that its silence stands out of its own day-to-day noise, small enough not to move
 * the whole segment.
 */
export function midSizeContractOrg(orgs: readonly DemoOrg[]): DemoOrg {
  const largest = largestContractOrg(orgs);
  const candidates = orgs.filter((org) => org.type === 'contract' && !org.excluded && org !== largest);
  const sorted = [...candidates].sort((a, b) => Math.abs(a.seats - 110) - Math.abs(b.seats - 110) || a.index - b.index);
  return sorted[0] as DemoOrg;
}

function bySeats(orgs: DemoOrg[]): DemoOrg[] {
  return [...orgs].sort((a, b) => b.seats - a.seats || a.index - b.index);
}
