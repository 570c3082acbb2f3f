import type { DomainDefinition } from './types.js';
import { usageDomain } from './usage.js';

/** Every domain the CLI offers. Adding one: a SQL file, a definition here, and config. */
export const DOMAINS: readonly DomainDefinition[] = [usageDomain];

export function findDomain(name: string): DomainDefinition | undefined {
  return DOMAINS.find((domain) => domain.name === name);
}

export const DOMAIN_NAMES: readonly string[] = DOMAINS.map((domain) => domain.name);
