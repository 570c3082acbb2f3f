import { z } from 'zod';
import { backtestDomain, type DomainBacktest } from '../backtest/backtest-domain.js';
import { notFinalNote } from '../run/not-final-note.js';
import { backtestResult } from '../backtest/backtest-result.js';
import { renderBacktestJson, renderBacktestText, type BacktestResult } from '../backtest/render-backtest.js';
import { renderBacktestMarkdown } from '../backtest/render-backtest-markdown.js';
import { configFlag } from '../alerts/rerun-command.js';
import type { CliIO } from '../cli/io.js';
import { startProgress } from '../cli/progress.js';
import { resolveTargetDate } from '../cli/target-date.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { addDays, daysBetween, type IsoDate } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { commandLabels } from '../labels/command-labels.js';
import { openWarehouse } from '../warehouse/open-warehouse.js';
import { parseOptions } from './options.js';
import { pickDomains } from './pick-domains.js';

const BacktestSchema = z
  .object({
    all: z.boolean().default(false),
    from: z.string().min(1),
    to: z.string().min(1),
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json', 'markdown']).default('text'),
    contributors: z.boolean().default(false),
    labels: z.string().min(1).optional(),
  })
  .strict();

/** Ten years of days: only bounds a typo like 2205 for 2025, not a real replay. */
const MAX_DAYS = 3660;

/** The body of `monitor backtest` (defined in backtest.ts), loaded only when it runs. */
export async function backtestAction(domainName: string | undefined, raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(BacktestSchema, raw);
  const domains = pickDomains(domainName, options.all, 'backtest');
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
  const labels = await commandLabels(options.labels, config, opening);
  const warehouse = await openWarehouse(opening);
  const progress = await startProgress(io, domains.length, 'domains');
  const results: BacktestResult[] = [];
  try {
    for (const domain of domains) {
      const backtest = await backtestDomain({ domain, config, warehouse, from, to, contributors: options.contributors, toolVersion: TOOL_VERSION });
      results.push(backtestResult(withNotFinalNotes(backtest, today), labels));
      progress.advance(domain.name);
    }
  } finally {
    progress.stop();
    await warehouse.close();
  }
  const context = { source: warehouse.description, command: 'backtest' as const };
  switch (options.format) {
    case 'json':
      io.out(renderBacktestJson(results, { ...context, version: TOOL_VERSION }));
      return;
    case 'markdown':
      io.out(renderBacktestMarkdown(results, { ...context, rerun: rerunCommand(domainName, from, to, options) }));
      return;
    case 'text':
      io.out(renderBacktestText(results, context));
  }
}

/** The backtest again, with the dates resolved (`yesterday` moves; the report's range does not). */
function rerunCommand(domainName: string | undefined, from: IsoDate, to: IsoDate, options: z.infer<typeof BacktestSchema>): string {
  const flags = [
    domainName ?? '--all',
    `--from ${from}`,
    `--to ${to}`,
    options.contributors ? '--contributors' : '',
    options.labels === undefined ? '' : `--labels ${options.labels}`,
  ];
  return `monitor backtest ${flags.filter((flag) => flag !== '').join(' ')}${configFlag(options.config)}`;
}

/** Days inside the domain's data lag say so, as the daily run for them does: their data may still change. */
function withNotFinalNotes(backtest: DomainBacktest, today: IsoDate): DomainBacktest {
  return {
    ...backtest,
    days: backtest.days.map((day) => {
      const note = notFinalNote(backtest.domain, day.report.date, today);
      return note === undefined ? day : { ...day, report: { ...day.report, notes: [...day.report.notes, note] } };
    }),
  };
}
