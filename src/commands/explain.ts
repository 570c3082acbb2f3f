import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { withExamples } from './examples.js';

/**
 * `monitor explain <domain> --date D --series S --metric M`: everything behind one number.
 * The definition only: the body is explain-action.ts, loaded when the command runs.
 */
export function explainCommand(io: CliIO): Command {
  const command = new Command('explain').description('show everything behind one series × metric on one date: baseline, μ, σ, z, thresholds, gates')
  return withExamples(command, [
    ['monitor explain usage --date 2026-03-10 --series free --metric dau', 'why free-tier DAU did or did not alert that day'],
    ['monitor explain api-runtime --series /v1/video --metric p95_processing_ms', 'the same for an endpoint, on the default day'],
    ['monitor explain enterprise --series "Brightline Media" --metric dau --format json', 'an org (quote names with spaces), as JSON'],
  ])
    .argument('<domain>', DOMAIN_NAMES.join(' | '))
    .option('--date <date>', 'yesterday | today | YYYY-MM-DD (default: the domain’s default date)')
    .requiredOption('--series <key>', 'the series key, e.g. free, studio, /v1/video, an org name')
    .requiredOption('--metric <name>', 'the metric name, e.g. dau, idle_cost, p95_processing_ms')
    .option('--config <file>', 'YAML config merged over the shipped defaults')
    .option('--format <format>', 'text | json | markdown', 'text')
    .action(async (domainName: string, raw: Record<string, unknown>) => {
      const { explainAction } = await import('./explain-action.js');
      await explainAction(domainName, raw, io);
    });
}
