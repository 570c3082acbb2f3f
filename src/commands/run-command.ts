import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { withDomainOptions } from './domain-command.js';
import { withExamples } from './examples.js';

/**
 * `monitor run --all`: the cron entry point. Every domain on its own default date (cost
 * data lags), one combined report, the worst outcome as the exit code; a failing domain
 * is reported and does not stop the others. The definition only: the body is
 * run-command-action.ts, loaded when the command runs.
 */
export function runCommand(io: CliIO): Command {
  const command = withDomainOptions(
    new Command('run').description('run several domains in one go (the cron entry point)').option('--all', 'every domain'),
    "each domain's default (today − its data lag)",
  );
  return withExamples(command, [
    ['monitor run --all --config /etc/monitor.yaml --fail-on critical', 'the cron job: every domain, exit 1 on a CRITICAL alert'],
    ['monitor run --all --date 2026-03-10 --dry-run', 'every domain on one past day; post and record nothing'],
    ['monitor run --all --format json', 'one JSON report with an entry per domain'],
  ]).action(async (raw: Record<string, unknown>) => {
    const { runAction } = await import('./run-command-action.js');
    await runAction(raw, io);
  });
}
