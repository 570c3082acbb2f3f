import { Command } from 'commander';
import { z } from 'zod';
import { backtestDomain } from '../backtest/backtest-domain.js';
import { backtestResult, type Labels } from '../backtest/backtest-result.js';
import { renderBacktestJson, renderBacktestText, type BacktestResult } from '../backtest/render-backtest.js';
import type { CliIO } from '../cli/io.js';
import { startProgress } from '../cli/progress.js';
import { resolveTargetDate } from '../cli/target-date.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { addDays, daysBetween, todayIn } from '../dates/iso-date.js';
import { readDemoSummary } from '../demo/summary.js';
import { DOMAINS, DOMAIN_NAMES, findDomain } from '../domains/registry.js';
import type { DomainDefinition } from '../domains/types.js';
import { MonitorError, UsageError } from '../errors.js';
import { demoLabels } from '../labels/demo-labels.js';
import { readLabelsFile } from '../labels/read-labels.js';
import { embeddedPath, openWarehouse } from '../warehouse/open-warehouse.js';
import { withExamples } from './examples.js';
import { parseOptions } from './options.js';

const BacktestSchema = z
  .object({
    all: z.boolean().default(false),
    from: z.string().min(1),
    to: z.string().min(1),
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json']).default('text'),
    contributors: z.boolean().default(false),
    labels: z.string().min(1).optional(),
  })
  .strict();

/** A year of days: longer ranges are allowed, this only bounds a typo like 2205 for 2025. */
const MAX_DAYS = 3660;

/** `monitor backtest <domain>|--all --from D1 --to D2`: what the daily runs would have said. */
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
    .option('--format <format>', 'text | json', 'text')
    .option('--contributors', 'root cause for every alert (one more query per domain)')
    .option('--labels <file>', 'score the alerts against labelled events (default on the demo warehouse: its injected anomalies)')
    .action(async (domainName: string | undefined, raw: Record<string, unknown>) => {
      const options = parseOptions(BacktestSchema, raw);
      const domains = pickDomains(domainName, options.all);
      const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
      const now = io.now();
      const today = todayIn(config.timezone, now);
      const at = { timeZone: config.timezone, now, lagDays: 1 };
      const from = resolveTargetDate(options.from, at);
      const to = resolveTargetDate(options.to, at);
      if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`, 'swap them');
      if (daysBetween(from, to) >= MAX_DAYS) throw new UsageError(`--from ${from} --to ${to}: more than ${MAX_DAYS} days`, 'replay a shorter range');
      const log = (line: string): void => io.err(`${line}\n`);
      const opening = { config, env: io.env, yesterday: addDays(today, -1), log };
      const labels = options.labels !== undefined ? fileLabels(options.labels) : await demoGroundTruth(config, opening);
      const warehouse = await openWarehouse(opening);
      const progress = startProgress(io, domains.length, 'domains');
      const results: BacktestResult[] = [];
      try {
        for (const domain of domains) {
          const backtest = await backtestDomain({ domain, config, warehouse, from, to, contributors: options.contributors, toolVersion: TOOL_VERSION });
          results.push(backtestResult(backtest, labels));
          progress.advance(domain.name);
        }
      } finally {
        progress.stop();
        await warehouse.close();
      }
      const context = { source: warehouse.description, command: 'backtest' as const };
      io.out(options.format === 'json' ? renderBacktestJson(results, { ...context, version: TOOL_VERSION }) : renderBacktestText(results, context));
    });
}

function pickDomains(name: string | undefined, all: boolean): readonly DomainDefinition[] {
  if (all && name !== undefined) throw new UsageError(`give a domain or --all, not both (got ${name} and --all)`, 'drop one of them');
  if (all) return DOMAINS;
  if (name === undefined) throw new UsageError('monitor backtest needs a domain or --all', `one of: ${DOMAIN_NAMES.join(', ')}`);
  const domain = findDomain(name);
  if (domain === undefined) throw new UsageError(`unknown domain ${name}`, `one of: ${DOMAIN_NAMES.join(', ')}`);
  return [domain];
}

function fileLabels(path: string): Labels {
  return { source: path, events: readLabelsFile(path) };
}

/**
 * On a warehouse written by `monitor demo generate` the injected anomalies are known, so
 * they are the labels unless a file is given. Any other warehouse has none.
 */
async function demoGroundTruth(config: Config, opening: Parameters<typeof embeddedPath>[0]): Promise<Labels | null> {
  if (config.warehouse !== 'embedded') return null;
  try {
    const summary = await readDemoSummary(await embeddedPath(opening));
    return { source: `the demo generator's ground truth (seed ${summary.seed})`, events: demoLabels(summary.anomalies) };
  } catch (error) {
    if (error instanceof MonitorError) return null;
    throw error;
  }
}
