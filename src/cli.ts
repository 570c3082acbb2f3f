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
  let code: number;
  try {
    await program.parseAsync([...argv]);
    code = EXIT.ok;
  } catch (error) {
    code = handleError(error, io);
  }
  return withOutputFailure(code, await io.outputFailure?.(), io);
}

/**
 * A report that could not be written (stdout on a full disk, a closed pipe) gets its own
 * exit code, never 1 ("alerts found"). Delivery and state happen before printing, so the
 * alerts already went to Slack or the outbox. A warehouse, delivery or internal failure
 * (3, 4, 70) says more and keeps its code.
 */
function withOutputFailure(code: number, failure: Error | undefined, io: CliIO): number {
  if (failure === undefined) return code;
  const reason = (failure as { code?: unknown }).code ?? failure.message.split('\n')[0];
  io.err(`monitor: error: could not write the report to stdout (${String(reason)}); Slack delivery and state were done before printing (hint: check the disk or pipe stdout is sent to, or use --format json > file on a disk with space)\n`);
  return code === EXIT.ok || code === EXIT.alerts ? EXIT.output : code;
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
