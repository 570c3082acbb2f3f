import { DOMAINS, DOMAIN_NAMES, findDomain } from '../domains/registry.js';
import type { DomainDefinition } from '../domains/types.js';
import { UsageError } from '../errors.js';

/** `<domain>` or `--all`, for the commands that take either (backtest, report). */
export function pickDomains(name: string | undefined, all: boolean, command: 'backtest' | 'report'): readonly DomainDefinition[] {
  if (all && name !== undefined) throw new UsageError(`give a domain or --all, not both (got ${name} and --all)`, 'drop one of them');
  if (all) return DOMAINS;
  if (name === undefined) throw new UsageError(`monitor ${command} needs a domain or --all`, `one of: ${DOMAIN_NAMES.join(', ')}`);
  const domain = findDomain(name);
  if (domain === undefined) throw new UsageError(`unknown domain ${name}`, `one of: ${DOMAIN_NAMES.join(', ')}`);
  return [domain];
}
