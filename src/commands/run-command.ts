import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { DOMAINS } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { withDomainOptions } from './domain-command.js';
import { withExamples } from './examples.js';
import { DomainOptionsSchema, parseOptions } from './options.js';
import { runDomains } from './run-domains.js';

/**
 * `monitor run --all`: the cron entry point. Every domain on its own default date (cost
 * data lags), one combined report, the worst outcome as the exit code; a failing domain
 * is reported and does not stop the others.
 */
export function runCommand(io: CliIO): Command {
  const command = withDomainOptions(
    new Command('run').description('run several domains in one go (the cron entry point)').option('--all', 'every domain'),
    "each domain's default (today − its data lag)",
  );
  return withExamples(command, [
    ['monitor run --all --config /etc/monitor.yaml --fail-on critical', 'the cron job: every domain, exit 1 on a CRITICAL alert'],
    ['monitor run --all --date 2026-03-10 --dry-run', 'every domain on one past day; post and record nothing'],
    ['monitor run --all --format json', 'one JSON report with an entry per domain'],
  ]).action(async (raw: Record<string, unknown>) => {
    const { all, ...rest } = raw;
    if (all !== true) throw new UsageError('monitor run needs --all', `or run one domain: monitor ${DOMAINS.map((d) => d.name).join(' | ')}`);
    await runDomains(DOMAINS, parseOptions(DomainOptionsSchema, rest), io, { isolateFailures: true });
  });
}
