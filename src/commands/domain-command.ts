import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import type { DomainDefinition } from '../domains/types.js';
import { DomainOptionsSchema, parseOptions } from './options.js';
import { runDomains } from './run-domains.js';

/** The options every domain command and `run --all` share. */
export function withDomainOptions(command: Command, defaultDate: string): Command {
  return command
    .option('--date <date>', `yesterday | today | YYYY-MM-DD (default: ${defaultDate} in the configured time zone)`)
    .option('--config <file>', 'YAML config merged over the shipped defaults (default: $MONITOR_CONFIG)')
    .option('--format <format>', 'text | json', 'text')
    .option('--dry-run', 'score and print, but deliver nothing and record no state')
    .option('--resend', 'post digests again even if this date was already delivered')
    .option('--estimate', 'BigQuery dry run: print the bytes each query would scan and its cost, run nothing')
    .option('--fail-on <severity>', 'exit 1 when an alert at or above notice | warning | critical fires');
}

/** `monitor <domain>`: one domain, one date, one report. */
export function domainCommand(domain: DomainDefinition, io: CliIO): Command {
  return withDomainOptions(
    new Command(domain.name).description(`${domain.title}: score the day against same-weekday baselines`),
    `today − ${domain.lagDays}`,
  ).action(async (raw: Record<string, unknown>) => {
    await runDomains([domain], parseOptions(DomainOptionsSchema, raw), io, { isolateFailures: false });
  });
}
