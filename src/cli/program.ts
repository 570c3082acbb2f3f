import { Command } from 'commander';
import { backtestCommand } from '../commands/backtest.js';
import { reportCommand } from '../commands/report.js';
import { calibrateCommand } from '../commands/calibrate.js';
import { demoCommand } from '../commands/demo.js';
import { domainCommand } from '../commands/domain-command.js';
import { explainCommand } from '../commands/explain.js';
import { runCommand } from '../commands/run-command.js';
import { scanCommand } from '../commands/scan.js';
import { silenceCommand } from '../commands/silence.js';
import { withExamples } from '../commands/examples.js';
import { DOMAINS } from '../domains/registry.js';
import type { CliIO } from './io.js';
import { TOOL_VERSION } from './version.js';

/** The whole program: it only adds commands. */
export function buildProgram(io: CliIO): Command {
  const program = new Command('monitor')
    .description('Watches daily business metrics and reports what moved beyond its same-weekday baseline.')
    .version(TOOL_VERSION)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // Commander puts "(Did you mean …?)" on a second line: keep errors to one line.
      outputError: (text, write) => write(`monitor: ${text.trim().replace(/\s*\n\s*/g, ' ')} (hint: run monitor --help)\n`),
    })
    .exitOverride();
  withExamples(program, [
    ['monitor usage', 'score yesterday on the demo warehouse (generated on first use)'],
    ['monitor run --all --config /etc/monitor.yaml --fail-on critical', 'the cron job'],
    ['monitor explain usage --date 2026-03-10 --series free --metric dau', 'everything behind one number'],
  ]);
  for (const domain of DOMAINS) program.addCommand(domainCommand(domain, io));
  program.addCommand(runCommand(io));
  program.addCommand(explainCommand(io));
  program.addCommand(backtestCommand(io));
  program.addCommand(reportCommand(io));
  program.addCommand(scanCommand(io));
  program.addCommand(calibrateCommand(io));
  program.addCommand(silenceCommand(io));
  program.addCommand(demoCommand(io));
  // Subcommands inherit neither exitOverride nor output settings: apply them everywhere.
  for (const command of allCommands(program)) {
    command.exitOverride();
    command.configureOutput(program.configureOutput());
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
