import type { CliIO } from '../cli/io.js';
import type { DomainDefinition } from '../domains/types.js';
import { DomainOptionsSchema, parseOptions } from './options.js';
import { runDomains } from './run-domains.js';

/** The body of `monitor <domain>` (defined in domain-command.ts), loaded only when it runs. */
export async function domainAction(domain: DomainDefinition, raw: Record<string, unknown>, io: CliIO): Promise<void> {
  await runDomains([domain], parseOptions(DomainOptionsSchema, raw), io, { isolateFailures: false });
}
