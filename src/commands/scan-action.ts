import { z } from 'zod';
import { renderBacktestJson, renderBacktestText } from '../backtest/render-backtest.js';
import type { CliIO } from '../cli/io.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { fileLabels } from '../labels/command-labels.js';
import { scanCsv } from '../scan/scan-csv.js';
import { CsvOptionFields, parseOptions } from './options.js';
import { csvColumns } from './csv-options.js';

const ScanSchema = z
  .object({
    csv: z.string().min(1),
    ...CsvOptionFields,
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json']).default('text'),
    labels: z.string().min(1).optional(),
  })
  .strict();

/** The body of `monitor scan` (defined in scan.ts), loaded only when it runs. */
export async function scanAction(raw: Record<string, unknown>, io: CliIO): Promise<void> {
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
}
