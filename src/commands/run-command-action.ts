import type { CliIO } from '../cli/io.js';
import { DOMAINS } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { DomainOptionsSchema, parseOptions } from './options.js';
import { runDomains } from './run-domains.js';

/** The body of `monitor run --all` (defined in run-command.ts), loaded only when it runs. */
export async function runAction(raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const { all, ...rest } = raw;
  if (all !== true) throw new UsageError('monitor run needs --all', `or run one domain: monitor ${DOMAINS.map((d) => d.name).join(' | ')}`);
  await runDomains(DOMAINS, parseOptions(DomainOptionsSchema, rest), io, { isolateFailures: true });
}
