import type { DemoOrg } from './orgs.js';
import type { Population } from './population.js';
import { Rng } from './rng.js';

/** Mean of the enterprise weekday rhythm over a week (see usage-factors.ts). */
const ENTERPRISE_WEEK_MEAN = (0.97 + 1 + 1 + 0.99 + 0.9 + 0.19 + 0.16) / 7;
const DAYS_PER_MONTH = 30.44;
const QUOTA_STEP = 500_000;

/**
 * monthly_token_quota per org: what its members are expected to use in a month times a
 * negotiated headroom. Most orgs burn 65–90 % of quota; a few (headroom < 1) run over,
 * which is what the quota-burn metric exists to catch.
 */
export function orgTokenQuotas(seed: number, orgs: readonly DemoOrg[], population: Population): number[] {
  const rng = new Rng(seed, 'org-quotas');
  const expected = new Float64Array(orgs.length);
  for (let user = 0; user < population.count; user++) {
    const org = population.orgIndex[user] ?? -1;
    if (org < 0) continue;
    const sigma = population.tokenSigma[user] ?? 0.8;
    const meanTokensPerActiveDay = (population.tokenMedian[0][user] ?? 0) * Math.exp((sigma * sigma) / 2);
    expected[org] = (expected[org] ?? 0) + (population.activity[0][user] ?? 0) * ENTERPRISE_WEEK_MEAN * DAYS_PER_MONTH * meanTokensPerActiveDay;
  }
  return orgs.map((org) => {
    const headroom = rng.chance(0.12) ? rng.uniform(0.8, 0.98) : rng.uniform(1.1, 1.55);
    return Math.max(QUOTA_STEP, Math.round(((expected[org.index] ?? 0) * headroom) / QUOTA_STEP) * QUOTA_STEP);
  });
}
