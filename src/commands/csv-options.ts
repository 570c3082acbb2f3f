import type { Command } from 'commander';
import type { CsvColumns } from '../scan/read-csv.js';

/** The CSV flags `scan` and `calibrate --csv` share; their zod fields are CsvOptionFields in options.ts. */
export function withCsvOptions(command: Command): Command {
  return command
    .option('--date-col <name>', 'the date column (YYYY-MM-DD)', 'date')
    .option('--value-col <name>', 'the value column', 'value')
    .option('--series-col <name>', 'the series column (default: a column named series, if any)')
    .option('--metric-kind <kind>', 'count | amount (a missing day is 0) | ratio (a missing day is missing)', 'count')
    .option('--direction <direction>', 'both | up | down: which moves may alert (default: the config, both)');
}

export function csvColumns(options: { readonly dateCol: string; readonly valueCol: string; readonly seriesCol?: string | undefined }): CsvColumns {
  return { date: options.dateCol, value: options.valueCol, series: options.seriesCol ?? null };
}
