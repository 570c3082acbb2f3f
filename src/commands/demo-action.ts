import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CliIO } from '../cli/io.js';
import { loadConfig } from '../config/load.js';
import { addDays, parseIsoDate } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { DEMO_MAX_SCALE } from '../demo/constants.js';
import type { InjectedAnomaly } from '../demo/generate.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { DEMO_DEFAULT_DAYS, DEMO_DEFAULT_SEED } from '../warehouse/demo-warehouse.js';
import { embeddedPath } from '../warehouse/open-warehouse.js';
import { parseOptions } from './options.js';

/* The bodies of `monitor demo generate|anomalies` (defined in demo.ts), loaded only when one runs. */

const isoDateText = z.string().refine((t) => parseIsoDate(t) !== undefined, 'must be a calendar date YYYY-MM-DD');
const wholeNumber = z.coerce.number().int();
/** Said in full: "expected number" tells nobody what a seed is for. demo_meta stores it as a 32-bit INTEGER. */
const SEED_MEANING = 'a seed is a whole number ≥ 0 that chooses the random data (same seed, same data)';
const seed = z.coerce.number({ error: SEED_MEANING }).int(SEED_MEANING).min(0, SEED_MEANING).max(2_147_483_647, SEED_MEANING);
const SCALE_MEANING = `a scale is a whole number from 1 to ${DEMO_MAX_SCALE} that multiplies the users (1 = the standard demo)`;
const scale = z.coerce.number({ error: SCALE_MEANING }).int(SCALE_MEANING).min(1, SCALE_MEANING).max(DEMO_MAX_SCALE, SCALE_MEANING);

const GenerateOptionsSchema = z
  .object({
    seed: seed.default(DEMO_DEFAULT_SEED),
    days: wholeNumber.min(120, 'at least 120 days: a 10-week baseline plus room for anomalies').max(1000).default(DEMO_DEFAULT_DAYS),
    end: isoDateText.optional(),
    scale: scale.default(1),
    out: z.string().min(1),
  })
  .strict();

const AnomaliesOptionsSchema = z.object({ format: z.enum(['text', 'json']).default('text'), config: z.string().optional() }).strict();

/** `monitor demo generate`. */
export async function generateAction(raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(GenerateOptionsSchema, raw);
  if (existsSync(options.out)) throw new UsageError(`--out ${options.out}: file exists`, 'choose a new path or delete the old file');
  if (statSync(dirname(options.out), { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new UsageError(`--out ${options.out}: no such directory ${dirname(options.out)}`, 'create the directory first, or write the file to an existing one');
  }
  const end = options.end === undefined ? addDays(todayIn('UTC', io.now()), -1) : (parseIsoDate(options.end) as NonNullable<ReturnType<typeof parseIsoDate>>);
  const { generateDemoWarehouse } = await import('../demo/generate.js');
  const started = performance.now();
  const summary = await generateDemoWarehouse(options.out, { seed: options.seed, days: options.days, end, scale: options.scale });
  const rows = Object.entries(summary.rowCounts).map(([table, count]) => `${table} ${count}`).join(', ');
  const scaled = options.scale === 1 ? '' : `, scale ${options.scale}`;
  io.err(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  io.out(`${options.out}: ${summary.start} … ${summary.end}, seed ${summary.seed}${scaled}; ${rows}; ${summary.anomalies.length} injected anomalies\n`);
}

/** `monitor demo anomalies`. */
export async function anomaliesAction(raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(AnomaliesOptionsSchema, raw);
  const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
  const path = await embeddedPath({
    config,
    env: io.env,
    yesterday: addDays(todayIn(config.timezone, io.now()), -1),
    log: (line) => io.err(`${line}\n`),
  });
  const { readDemoSummary } = await import('../demo/summary.js');
  const summary = await readDemoSummary(path);
  io.out(options.format === 'json' ? JSON.stringify(summary.anomalies, null, 2) + '\n' : anomalyTable(summary.anomalies));
}

function anomalyTable(anomalies: readonly InjectedAnomaly[]): string {
  const lines = anomalies.map((a) => {
    const dates = a.start === a.end ? a.start : `${a.start}…${a.end}`;
    const cause = a.rootCause === null ? a.cause : `${a.cause} [${a.rootCause.dimension}: ${a.rootCause.member}]`;
    return `${dates.padEnd(22)} ${a.domain.padEnd(12)} ${`${a.series} / ${a.metric}`.padEnd(40)} ${a.direction.padEnd(4)} ≥${a.expectedSeverity.padEnd(9)} ${cause}`;
  });
  return [`${'date'.padEnd(22)} ${'domain'.padEnd(12)} ${'series / metric'.padEnd(40)} dir  severity   cause`, ...lines].join('\n') + '\n';
}
