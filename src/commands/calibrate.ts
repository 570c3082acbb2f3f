import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { withCsvOptions } from './csv-options.js';
import { withExamples } from './examples.js';

/**
 * `monitor calibrate <domain>`: from a backtest of the last N days, the smallest raised
 * thresholds or gates that keep each series × metric within an alert budget on days no
 * labelled event covers; --write saves them as a config overlay for a person to review.
 * The definition only: the body is calibrate-action.ts, loaded when the command runs.
 */
export function calibrateCommand(io: CliIO): Command {
  const command = new Command('calibrate').description('suggest raised thresholds or gates that keep each series × metric within an alert budget (writes no config unless --write)');
  withExamples(command, [
    ['monitor calibrate usage', 'the last 90 days: volatility, clean-day alert rates, suggestions'],
    ['monitor calibrate enterprise --days 180 --budget 0.5 --write enterprise-overlay.yaml', 'at most one alert per 60 clean days, saved for review'],
    ['monitor calibrate revenue --labels incidents.json --format json', 'your own incidents kept out of the budget, as JSON'],
  ]);
  return withCsvOptions(command)
    .argument('[domain]', DOMAIN_NAMES.join(' | '))
    .option('--csv <file>', 'calibrate a daily CSV instead (as monitor scan reads it); suggestions go under scan.series')
    .option('--days <n>', 'days replayed, ending on the domain\'s default date (yesterday; gpu-cost: today − 3)', '90')
    .option('--budget <n>', 'clean-day alerts allowed per series × metric per 30 clean days', '1')
    .option('--config <file>', 'YAML config merged over the shipped defaults (default: $MONITOR_CONFIG)')
    .option('--format <format>', 'text | json', 'text')
    .option('--labels <file>', 'labelled events whose days are not held to the budget (default on the demo warehouse: its injected anomalies)')
    .option('--write <file>', 'save the suggestions as a YAML config overlay (never edits your config)')
    .option('--force', 'let --write replace an existing file')
    .action(async (domainName: string | undefined, raw: Record<string, unknown>) => {
      const { calibrateAction } = await import('./calibrate-action.js');
      await calibrateAction(domainName, raw, io);
    });
}
