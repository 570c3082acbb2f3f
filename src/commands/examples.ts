import type { Command } from 'commander';

/** A command line a user can copy, and what it does. */
export type Example = readonly [commandLine: string, what: string];

/**
 * Appends an "Examples:" section to a command's --help. Every line starts with
 * `monitor`, so a test can check each one still parses against the real commands.
 */
export function withExamples(command: Command, examples: readonly Example[]): Command {
  const width = Math.max(...examples.map(([line]) => line.length));
  const lines = examples.map(([line, what]) => `  ${line.padEnd(width)}  # ${what}`);
  return command.addHelpText('after', `\nExamples:\n${lines.join('\n')}\n`);
}
