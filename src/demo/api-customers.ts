import type { DemoOrg } from './orgs.js';

export interface ApiCustomer {
  name: string;
  /** Share of API traffic. */
  weight: number;
  internal: boolean;
}

/** The long tail of pay-as-you-go API keys, reported as one customer. */
export const SELF_SERVE_CUSTOMER = 'self-serve';
const API_ORG_COUNT = 10;

/**
 * Who calls the API: the ten largest contract orgs (traffic falling off by rank, as
 * API revenue concentrates in a few accounts), the self-serve long tail, and the
 * company's own staff testing in production (internal, excluded by every query).
 */
export function apiCustomers(orgs: readonly DemoOrg[]): ApiCustomer[] {
  const internalOrg = orgs.find((org) => org.internal);
  const ranked = orgs
    .filter((org) => org.type === 'contract' && !org.excluded)
    .sort((a, b) => b.seats - a.seats || a.index - b.index)
    .slice(0, API_ORG_COUNT);
  const rankWeights = ranked.map((_, rank) => 1 / Math.pow(rank + 1, 0.9));
  const rankTotal = rankWeights.reduce((sum, weight) => sum + weight, 0);
  const customers: ApiCustomer[] = ranked.map((org, rank) => ({
    name: org.name,
    weight: (0.64 * (rankWeights[rank] ?? 0)) / rankTotal,
    internal: false,
  }));
  customers.push({ name: SELF_SERVE_CUSTOMER, weight: 0.35, internal: false });
  if (internalOrg !== undefined) customers.push({ name: internalOrg.name, weight: 0.01, internal: true });
  return customers;
}
