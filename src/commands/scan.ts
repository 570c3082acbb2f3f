import { Command } from 'commander';
import { z } from 'zod';
import { renderBacktestJson, renderBacktestText } from '../backtest/render-backtest.js';
import type { CliIO } from '../cli/io.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { readLabelsFile } from '../labels/read-labels.js';
import { scanCsv } from '../scan/scan-csv.js';
import { withExamples } from './examples.js';
import { parseOptions } from './options.js';

const ScanSchema = z
  .object({
    csv: z.string().min(1),
    dateCol: z.string().min(1).default('date'),
    valueCol: z.string().min(1).default('value'),
    seriesCol: z.string().min(1).optional(),
    metricKind: z.enum(['count', 'amount', 'ratio']).default('count'),
    direction: z.enum(['both', 'up', 'down']).optional(),
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json']).default('text'),
    labels: z.string().min(1).optional(),
  })
  .strict();

/** `monitor scan --csv FILE`: the detector on any daily series, no warehouse needed. */
export function scanCommand(io: CliIO): Command {
  const command = new Command('scan').description('run the detector over every day of a daily CSV (date,value or date,series,value)');
  return withExamples(command, [
    ['monitor scan --csv signups.csv', 'every day of a one-series file: the alerts, then alert rates'],
    ['monitor scan --csv nyc_taxi_daily.csv --labels labels.json', 'scored against labelled events: precision, recall, F1, delay'],
    ['monitor scan --csv kpis.csv --series-col kpi --value-col amount --metric-kind amount --direction down', 'several series, your column names, drops only'],
  ])
    .requiredOption('--csv <file>', 'the CSV file, with a header row')
    .option('--date-col <name>', 'the date column (YYYY-MM-DD)', 'date')
    .option('--value-col <name>', 'the value column', 'value')
    .option('--series-col <name>', 'the series column (default: a column named series, if any)')
    .option('--metric-kind <kind>', 'count | amount (a missing day is 0) | ratio (a missing day is missing)', 'count')
    .option('--direction <direction>', 'both | up | down: which moves may alert (default: the config, both)')
    .option('--config <file>', 'YAML config; its scan: section sets the detector (default: $MONITOR_CONFIG)')
    .option('--format <format>', 'text | json', 'text')
    .option('--labels <file>', 'score the flags against labelled events (labels.json format)')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(ScanSchema, raw);
      const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
      const labels = options.labels === undefined ? null : { source: options.labels, events: readLabelsFile(options.labels) };
      const result = await scanCsv({
        path: options.csv,
        columns: { date: options.dateCol, value: options.valueCol, series: options.seriesCol ?? null },
        kind: options.metricKind,
        direction: options.direction,
        config,
        labels,
      });
      const context = { source: options.csv, command: 'scan' as const };
      io.out(options.format === 'json' ? renderBacktestJson([result], { ...context, version: TOOL_VERSION }) : renderBacktestText([result], context));
    });
}
