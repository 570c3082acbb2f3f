import { CommanderError } from 'commander';
import { EXIT, exitCodeFor } from './cli/exit-codes.js';
import { processIO, type CliIO } from './cli/io.js';
import { buildProgram } from './cli/program.js';
import { ExitError, MonitorError } from './errors.js';

/**
 * Runs the CLI and returns the exit code. The only place errors become exit codes;
 * bin/monitor.js is the only place the process exit status is set.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: CliIO): number {
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof CommanderError) {
    // Help and --version "fail" with code 0; commander already printed its message.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof MonitorError) {
    io.err(`monitor: error: ${error.message}${error.hint === undefined ? '' : ` (hint: ${error.hint})`}\n`);
    return exitCodeFor(error.category);
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`monitor: internal error: ${message.split('\n')[0]} (hint: set MONITOR_DEBUG=1 for the stack trace and report it)\n`);
  if (io.env['MONITOR_DEBUG'] && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return EXIT.internal;
}
