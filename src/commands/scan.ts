import { Command } from 'commander';
import { z } from 'zod';
import { renderBacktestJson, renderBacktestText } from '../backtest/render-backtest.js';
import type { CliIO } from '../cli/io.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { fileLabels } from '../labels/command-labels.js';
import { scanCsv } from '../scan/scan-csv.js';
import { withExamples } from './examples.js';
import { parseOptions } from './options.js';
import { CsvOptionFields, csvColumns, withCsvOptions } from './csv-options.js';

const ScanSchema = z
  .object({
    csv: z.string().min(1),
    ...CsvOptionFields,
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json']).default('text'),
    labels: z.string().min(1).optional(),
  })
  .strict();

/** `monitor scan --csv FILE`: the detector on any daily series, no warehouse needed. */
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
      const options = parseOptions(ScanSchema, raw);
      const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
      const labels = fileLabels(options.labels);
      const result = await scanCsv({
        path: options.csv,
        columns: csvColumns(options),
        kind: options.metricKind,
        direction: options.direction,
        config,
        labels,
      });
      const context = { source: options.csv, command: 'scan' as const };
      io.out(options.format === 'json' ? renderBacktestJson([result], { ...context, version: TOOL_VERSION }) : renderBacktestText([result], context));
    });
}
