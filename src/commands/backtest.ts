import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { withExamples } from './examples.js';

/**
 * `monitor backtest <domain>|--all --from D1 --to D2`: what the daily runs would have said.
 * The definition only: the body is backtest-action.ts, loaded when the command runs.
 */
export function backtestCommand(io: CliIO): Command {
  const command = new Command('backtest').description('replay the detector over a date range (one query per domain); deliver and record nothing');
  return withExamples(command, [
    ['monitor backtest usage --from 2026-01-01 --to 2026-03-31', 'every day of a quarter: the alerts, then alert rates per series and metric'],
    ['monitor backtest --all --from 2026-01-01 --to yesterday --format json', 'every domain, as JSON'],
    ['monitor backtest revenue --from 2026-01-01 --to 2026-03-31 --labels incidents.json', 'scored against your own labelled incidents'],
  ])
    .argument('[domain]', DOMAIN_NAMES.join(' | '))
    .option('--all', 'every domain')
    .requiredOption('--from <date>', 'first date replayed: yesterday | today | YYYY-MM-DD')
    .requiredOption('--to <date>', 'last date replayed: yesterday | today | YYYY-MM-DD')
    .option('--config <file>', 'YAML config merged over the shipped defaults (default: $MONITOR_CONFIG)')
    .option('--format <format>', 'text | json | markdown', 'text')
    .option('--contributors', 'root cause for every alert (one more query per domain)')
    .option('--labels <file>', 'score the alerts against labelled events (default on the demo warehouse: its injected anomalies)')
    .action(async (domainName: string | undefined, raw: Record<string, unknown>) => {
      const { backtestAction } = await import('./backtest-action.js');
      await backtestAction(domainName, raw, io);
    });
}
