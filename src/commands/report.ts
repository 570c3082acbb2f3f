import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { withExamples } from './examples.js';

/**
 * `monitor report <domain>|--all --date D | --from D1 --to D2 --out FILE`: one
 * self-contained HTML page to look at. The definition only: the body is
 * report-action.ts, loaded when the command runs.
 */
export function reportCommand(io: CliIO): Command {
  const command = new Command('report').description('write a self-contained HTML report: summary, sortable alerts, a chart per alerting series');
  return withExamples(command, [
    ['monitor report --all --date yesterday --out report.html', "yesterday's run, every domain, as one page"],
    ['monitor report usage --from 2026-01-01 --to 2026-03-31 --out q1.html', 'a quarter: every alert of the range on its series chart'],
    ['monitor report revenue --from 2026-01-01 --to 2026-03-31 --labels incidents.json --out q1.html', 'with labelled events shaded, to see misses and false alerts'],
  ])
    .argument('[domain]', DOMAIN_NAMES.join(' | '))
    .option('--all', 'every domain')
    .option('--date <date>', 'one day: yesterday | today | YYYY-MM-DD (default: yesterday)')
    .option('--from <date>', 'first day of a range (with --to)')
    .option('--to <date>', 'last day of a range (with --from)')
    .requiredOption('--out <file>', 'the HTML file to write (replaced if it exists)')
    .option('--config <file>', 'YAML config merged over the shipped defaults (default: $MONITOR_CONFIG)')
    .option('--labels <file>', 'shade labelled events on the charts (default on the demo warehouse: its injected anomalies)')
    .action(async (domainName: string | undefined, raw: Record<string, unknown>) => {
      const { reportAction } = await import('./report-action.js');
      await reportAction(domainName, raw, io);
    });
}
