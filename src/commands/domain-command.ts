import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import type { DomainDefinition } from '../domains/types.js';
import { withExamples } from './examples.js';

/** The options every domain command and `run --all` share. */
export function withDomainOptions(command: Command, defaultDate: string): Command {
  return command
    .option('--date <date>', `yesterday | today | YYYY-MM-DD (default: ${defaultDate} in the configured time zone)`)
    .option('--config <file>', 'YAML config merged over the shipped defaults (default: $MONITOR_CONFIG)')
    .option('--format <format>', 'text | json | markdown', 'text')
    .option('--dry-run', 'score and print, but deliver nothing and record no state')
    .option('--resend', 'post digests again even if this date was already delivered')
    .option('--estimate', 'BigQuery dry run: print the bytes each query would scan and its cost, run nothing')
    .option('--fail-on <severity>', 'exit 1 when an alert at or above notice | warning | critical fires')
    .option('--report-dir <dir>', "also write the day's HTML report there (monitor-<all|domain>-<date>.html); Slack links to it with report.baseUrl");
}

/**
 * `monitor <domain>`: one domain, one date, one report. The definition only: the body
 * (zod, the warehouse, delivery) is loaded when the command runs, not for --help.
 */
export function domainCommand(domain: DomainDefinition, io: CliIO): Command {
  const command = withDomainOptions(
    new Command(domain.name).description(`${domain.title}: score the day against same-weekday baselines`),
    `today − ${domain.lagDays}`,
  );
  return withExamples(command, [
    [`monitor ${domain.name}`, 'score the default day, print the report and post the alerts to Slack'],
    [`monitor ${domain.name} --date 2026-03-10 --dry-run`, 'score a past day; post nothing, record nothing'],
    [`monitor ${domain.name} --format json --fail-on critical`, 'JSON report; exit 1 if a CRITICAL alert fires'],
  ]).action(async (raw: Record<string, unknown>) => {
    const { domainAction } = await import('./domain-command-action.js');
    await domainAction(domain, raw, io);
  });
}
