import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { addDays, utcToday } from '../dates/iso-date.js';
import { withExamples } from './examples.js';

/**
 * `monitor silence add|list|remove`: matched alerts are recorded but not sent, until a date.
 * The definitions only: the bodies are silence-action.ts, loaded when a subcommand runs.
 */
export function silenceCommand(io: CliIO): Command {
  // Dates in the examples are near today, so that they can be pasted as they are.
  const soon = addDays(utcToday(io.now()), 14);
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
      const { addSilenceAction } = await import('./silence-action.js');
      await addSilenceAction(raw, io);
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
      const { listSilencesAction } = await import('./silence-action.js');
      await listSilencesAction(raw, io);
    });
  const remove = silence.command('remove');
  withExamples(remove, [['monitor silence remove 3f2a9c1e', 'delete the silence with that id (from silence list)']]);
  remove
    .description('delete a silence by the id silence list shows; its alerts are sent again from the next run')
    .argument('<id>', 'the id shown by silence list')
    .option('--config <file>', 'YAML config (its state.path)')
    .action(async (id: string, raw: Record<string, unknown>) => {
      const { removeSilenceAction } = await import('./silence-action.js');
      await removeSilenceAction(id, raw, io);
    });
  return silence;
}
