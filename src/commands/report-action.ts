import { z } from 'zod';
import type { CliIO } from '../cli/io.js';
import { resolveTargetDate } from '../cli/target-date.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { addDays, daysBetween } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { commandLabels } from '../labels/command-labels.js';
import { buildReport } from '../report/build-report.js';
import { renderHtmlReport } from '../report/render-html.js';
import { writeWhole } from '../report/write-whole.js';
import { openWarehouse } from '../warehouse/open-warehouse.js';
import { parseOptions } from './options.js';
import { pickDomains } from './pick-domains.js';

const ReportSchema = z
  .object({
    all: z.boolean().default(false),
    date: z.string().min(1).optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    out: z.string().min(1),
    config: z.string().min(1).optional(),
    labels: z.string().min(1).optional(),
  })
  .strict();

/** A year and a bit: one chart per alerting series holds every day of the range plus its lookback. */
const MAX_DAYS = 400;

/** The body of `monitor report` (defined in report.ts), loaded only when it runs. */
export async function reportAction(domainName: string | undefined, raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(ReportSchema, raw);
  const domains = pickDomains(domainName, options.all, 'report');
  if (options.date !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new UsageError('give --date, or --from and --to, not both', 'one day: --date D; a range: --from D1 --to D2');
  }
  if ((options.from === undefined) !== (options.to === undefined)) throw new UsageError('--from and --to go together', 'give both, or --date for one day');
  const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
  const now = io.now();
  const today = todayIn(config.timezone, now);
  const at = { timeZone: config.timezone, now, lagDays: 1 };
  const from = resolveTargetDate(options.from ?? options.date, at);
  const to = resolveTargetDate(options.to ?? options.date, at);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`, 'swap them');
  if (daysBetween(from, to) >= MAX_DAYS) throw new UsageError(`--from ${from} --to ${to}: more than ${MAX_DAYS} days`, 'report a shorter range, or use backtest for long replays');
  const opening = { config, env: io.env, yesterday: addDays(today, -1), log: (line: string) => io.err(`${line}\n`) };
  const labels = await commandLabels(options.labels, config, opening);
  const warehouse = await openWarehouse(opening);
  let html: string;
  try {
    const ranges = domains.map((domain) => ({ domain, from, to }));
    const model = await buildReport({ ranges, config, warehouse, labels, toolVersion: TOOL_VERSION, generatedAt: now.toISOString() });
    html = renderHtmlReport(model);
  } finally {
    await warehouse.close();
  }
  writeWhole(options.out, html, '--out');
  io.err(`report written to ${options.out}\n`);
}
