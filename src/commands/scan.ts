import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { withExamples } from './examples.js';
import { withCsvOptions } from './csv-options.js';

/**
 * `monitor scan --csv FILE`: the detector on any daily series, no warehouse needed.
 * The definition only: the body is scan-action.ts, loaded when the command runs.
 */
export function scanCommand(io: CliIO): Command {
  const command = new Command('scan').description('run the detector over every day of a daily CSV (date,value or date,series,value)');
  withExamples(command, [
    ['monitor scan --csv signups.csv', 'every day of a one-series file: the alerts, then alert rates'],
    ['monitor scan --csv nyc_taxi_daily.csv --labels labels.json', 'scored against labelled events: precision, recall, F1, delay'],
    ['monitor scan --csv kpis.csv --series-col kpi --value-col amount --metric-kind amount --direction down', 'several series, your column names, drops only'],
  ]);
  return withCsvOptions(command.requiredOption('--csv <file>', 'the CSV file, with a header row'))
    .option('--config <file>', 'YAML config; its scan: section sets the detector (default: $MONITOR_CONFIG)')
    .option('--format <format>', 'text | json', 'text')
    .option('--labels <file>', 'score the flags against labelled events (labels.json format)')
    .action(async (raw: Record<string, unknown>) => {
      const { scanAction } = await import('./scan-action.js');
      await scanAction(raw, io);
    });
}
