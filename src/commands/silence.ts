import { Command } from 'commander';
import { z } from 'zod';
import { checkSilenceMatch, checkSilenceUntil } from '../alerts/check-silence.js';
import { parseSilenceMatch } from '../alerts/silence-match.js';
import type { CliIO } from '../cli/io.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { addDays, parseIsoDate, todayIn, type IsoDate } from '../dates/iso-date.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { openStateStore } from '../state/open-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { withExamples } from './examples.js';
import { parseOptions } from './options.js';

const AddSchema = z
  .object({ match: z.string().min(1), until: z.string(), reason: z.string().min(3, 'say why (at least 3 characters)'), config: z.string().optional() })
  .strict();
const ConfigOnly = z.object({ config: z.string().optional() }).strict();

/** `monitor silence add|list|remove`: matched alerts are recorded but not sent, until a date. */
export function silenceCommand(io: CliIO): Command {
  // Dates in the examples are near today, so that they can be pasted as they are.
  const soon = addDays(todayIn('UTC', io.now()), 14);
  const silence = new Command('silence').description('mute matching alerts until a date (they are still recorded)');
  withExamples(silence, [
    [`monitor silence add --match domain=usage,series=free --until ${soon} --reason "migration"`, 'mute free-tier usage alerts'],
    ['monitor silence list', 'every silence with its id'],
  ]);
  const add = silence.command('add');
  withExamples(add, [
    [`monitor silence add --match domain=usage,series=free --until ${soon} --reason "migration"`, 'mute one series of a domain'],
    [`monitor silence add --match metric=total_cost_dod --until ${soon} --reason "price change"`, 'mute one metric wherever it alerts'],
  ]);
  add
    .description('mute alerts matching domain, series and/or metric until a date (inclusive)')
    .requiredOption('--match <keys>', 'domain=…,series=…,metric=… (any subset)')
    .requiredOption('--until <date>', 'last muted day, YYYY-MM-DD')
    .requiredOption('--reason <text>', 'why, for whoever wonders later')
    .option('--config <file>', 'YAML config (its state.path)')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(AddSchema, raw);
      const match = parseSilenceMatch(options.match);
      const warnings = checkSilenceMatch(match);
      const until = parseIsoDate(options.until);
      if (until === undefined) throw new UsageError(`--until ${options.until}: not a date`, 'use YYYY-MM-DD');
      await withStore(io, options.config, async (store, today, config) => {
        checkSilenceUntil(until, today, config.silences.maxDays);
        for (const warning of warnings) io.err(`${warning}\n`);
        const added = await store.addSilence({ match, until, reason: options.reason });
        io.out(`silence ${added.id} added: ${describe(added.match)} until ${added.until} — ${added.reason}\n`);
      });
    });
  const list = silence.command('list');
  withExamples(list, [
    ['monitor silence list', 'silences in $MONITOR_HOME/state.duckdb'],
    ['monitor silence list --config /etc/monitor.yaml', 'silences in the state that config names'],
  ]);
  list
    .description('show every silence with its id, match, last day and reason (expired ones marked)')
    .option('--config <file>', 'YAML config (its state.path)')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(ConfigOnly, raw);
      await withStore(io, options.config, async (store, today) => {
        const all = await store.silences();
        if (all.length === 0) io.out('no silences\n');
        for (const s of all) io.out(`${s.id}  ${describe(s.match).padEnd(40)}  until ${s.until}${s.until < today ? ' (expired)' : ''}  ${s.reason}\n`);
      });
    });
  const remove = silence.command('remove');
  withExamples(remove, [['monitor silence remove 3f2a9c1e', 'delete the silence with that id (from silence list)']]);
  remove
    .description('delete a silence by the id silence list shows; its alerts are sent again from the next run')
    .argument('<id>', 'the id shown by silence list')
    .option('--config <file>', 'YAML config (its state.path)')
    .action(async (id: string, raw: Record<string, unknown>) => {
      const options = parseOptions(ConfigOnly, raw);
      await withStore(io, options.config, async (store) => {
        if (!(await store.removeSilence(id))) throw new UsageError(`no silence with id ${id}`, 'see monitor silence list');
        io.out(`silence ${id} removed\n`);
      });
    });
  return silence;
}

function describe(match: Record<string, string | undefined>): string {
  return Object.entries(match).map(([k, v]) => `${k}=${v}`).join(',') || '(everything)';
}

async function withStore(
  io: CliIO,
  configPath: string | undefined,
  task: (store: StateStore, today: IsoDate, config: Config) => Promise<void>,
): Promise<void> {
  const { config } = loadConfig({ path: configPath ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
  const store = await openStateStore({ config, env: io.env, log: (line) => io.err(`${line}\n`), now: () => io.now() });
  try {
    await task(store, todayIn(config.timezone, io.now()), config);
  } finally {
    await store.close();
  }
}
