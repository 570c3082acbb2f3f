import { statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { backtestDomain } from '../backtest/backtest-domain.js';
import { calibrateDomain, replayOf } from '../calibrate/calibrate-domain.js';
import { renderOverlayYaml } from '../calibrate/overlay-yaml.js';
import { renderCalibrationJson, renderCalibrationText } from '../calibrate/render-calibration.js';
import type { CliIO } from '../cli/io.js';
import { resolveTargetDate } from '../cli/target-date.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { addDays } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { DOMAIN_NAMES, findDomain } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { commandLabels, fileLabels } from '../labels/command-labels.js';
import { openWarehouse, type OpenWarehouseOptions } from '../warehouse/open-warehouse.js';
import { csvColumns } from './csv-options.js';
import { replayCsv } from '../scan/scan-csv.js';
import { SCAN_PLACEMENT } from '../scan/scan-domain.js';
import type { Labels } from '../backtest/backtest-result.js';
import type { CalibrationInput } from '../calibrate/calibrate-domain.js';
import { CsvOptionFields, parseOptions } from './options.js';

const CalibrateSchema = z
  .object({
    // Two weeks is the least that says anything about a monthly rate; ten years bounds a typo.
    days: z.coerce.number({ error: 'a whole number of days' }).int('a whole number of days').min(14, 'at least 14 days').max(3650, 'at most 3650 days').default(90),
    budget: z.coerce
      .number({ error: 'alerts per 30 clean days, e.g. 1 or 0.5' })
      .positive('alerts per 30 clean days must be > 0')
      .max(30, 'at most 30 (one alert a day)')
      .default(1),
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json']).default('text'),
    labels: z.string().min(1).optional(),
    write: z.string().min(1).optional(),
    force: z.boolean().default(false),
    csv: z.string().min(1).optional(),
    ...CsvOptionFields,
  })
  .strict();

/** The body of `monitor calibrate` (defined in calibrate.ts), loaded only when it runs. */
export async function calibrateAction(domainName: string | undefined, raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(CalibrateSchema, raw);
  const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
  if (options.write !== undefined) checkWritable(options.write, options.force);
  const measured = options.csv === undefined ? await fromWarehouse(domainName, config, options, io) : await fromCsv(domainName, config, options.csv, options);
  const calibration = calibrateDomain({ ...measured.input, events: measured.labels?.events ?? [], budget: options.budget });
  const context = { source: measured.source, labels: measured.labels?.source ?? null, written: options.write ?? null };
  if (options.write !== undefined) {
    const commandLine = `monitor calibrate ${measured.what} --days ${options.days} --budget ${options.budget}${options.labels === undefined ? '' : ` --labels ${options.labels}`}`;
    writeOverlay(options.write, options.force, renderOverlayYaml(calibration, { commandLine, source: context.source, labels: context.labels }));
  }
  io.out(options.format === 'json' ? renderCalibrationJson(calibration, { ...context, version: TOOL_VERSION }) : renderCalibrationText(calibration, context));
}

type CalibrateOptions = z.infer<typeof CalibrateSchema>;

interface Measured {
  readonly input: Pick<CalibrationInput, 'config' | 'current' | 'replay' | 'placement'>;
  readonly labels: Labels | null;
  /** What was calibrated, as the command line names it. */
  readonly what: string;
  readonly source: string;
}

/** A domain: its last N days up to its default date, from one warehouse query. */
async function fromWarehouse(domainName: string | undefined, config: Config, options: CalibrateOptions, io: CliIO): Promise<Measured> {
  if (domainName === undefined) throw new UsageError('monitor calibrate needs a domain or --csv FILE', `one of: ${DOMAIN_NAMES.join(', ')}`);
  const domain = findDomain(domainName);
  if (domain === undefined) throw new UsageError(`unknown domain ${domainName}`, `one of: ${DOMAIN_NAMES.join(', ')}`);
  const now = io.now();
  // The domain's own default date, not always yesterday: gpu-cost data is final only
  // after 3 days, and calibrating on partial days would tune to data that changes.
  const to = resolveTargetDate(undefined, { timeZone: config.timezone, now, lagDays: domain.lagDays });
  const from = addDays(to, -(options.days - 1));
  const opening: OpenWarehouseOptions = { config, env: io.env, yesterday: addDays(todayIn(config.timezone, now), -1), log: (line) => io.err(`${line}\n`) };
  const labels = await commandLabels(options.labels, config, opening);
  const warehouse = await openWarehouse(opening);
  try {
    const current = await backtestDomain({ domain, config, warehouse, from, to, contributors: false, toolVersion: TOOL_VERSION });
    return { input: { config, current, replay: replayOf(current) }, labels, what: domain.name, source: warehouse.description };
  } finally {
    await warehouse.close();
  }
}

/** A CSV: its last N days; suggestions go under scan.series.<s>, where `scan` reads them. */
async function fromCsv(domainName: string | undefined, config: Config, path: string, options: CalibrateOptions): Promise<Measured> {
  if (domainName !== undefined) throw new UsageError(`give a domain or --csv, not both (got ${domainName} and --csv ${path})`, 'drop one of them');
  const labels = fileLabels(options.labels);
  const csv = await replayCsv({ path, columns: csvColumns(options), kind: options.metricKind, direction: options.direction, config }, options.days);
  return { input: { config: csv.config, current: csv.backtest, replay: csv.replay, placement: SCAN_PLACEMENT }, labels, what: `--csv ${path}`, source: path };
}

/** Checked before the backtest runs: a refusal should not cost a warehouse query. */
function checkWritable(path: string, force: boolean): void {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing !== undefined && !force) throw new UsageError(`--write ${path}: file exists`, 'pass --force to replace it, or choose another path');
  if (existing?.isDirectory() === true) throw new UsageError(`--write ${path}: is a directory`, 'give a file path, e.g. overlay.yaml');
  if (statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new UsageError(`--write ${path}: no such directory ${dirname(path)}`, 'create the directory first, or write the file to an existing one');
  }
}

function writeOverlay(path: string, force: boolean, text: string): void {
  try {
    // 'wx' fails if the file appeared since checkWritable: never overwrite without --force.
    writeFileSync(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`--write ${path}: cannot write (${code})`, code === 'EEXIST' ? 'pass --force to replace it, or choose another path' : 'check the path and its permissions');
  }
}
