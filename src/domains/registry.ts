import { apiRuntimeDomain } from './api-runtime.js';
import { enterpriseDomain } from './enterprise.js';
import { gpuCostDomain } from './gpu-cost.js';
import { revenueDomain } from './revenue.js';
import type { DomainDefinition } from './types.js';
import { usageDomain } from './usage.js';

/**
 * Every domain the CLI offers, in the order `run --all` runs and reports them. Adding one:
 * a SQL file, a definition here, and config/domains/<name>.yaml (README, "Adding a domain").
 */
export const DOMAINS: readonly DomainDefinition[] = [usageDomain, gpuCostDomain, revenueDomain, enterpriseDomain, apiRuntimeDomain];

export function findDomain(name: string): DomainDefinition | undefined {
  return DOMAINS.find((domain) => domain.name === name);
}

export const DOMAIN_NAMES: readonly string[] = DOMAINS.map((domain) => domain.name);
