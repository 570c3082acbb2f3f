/**
 * What a command may touch of the outside world. The entry point passes the real
 * process; tests pass buffers, an environment and a fixed clock.
 */
export interface CliIO {
  /** Results: reports, JSON. */
  out(text: string): void;
  /** Logs, progress, warnings and errors. */
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  now(): Date;
  /**
   * Resolves once everything given to `out` is written, with the first write error (a full
   * disk, a closed pipe), if any. Optional: in-memory IOs cannot fail.
   */
  outputFailure?(): Promise<Error | undefined>;
  /**
   * Where a progress bar may be drawn: stderr when it is a terminal, else undefined (a
   * cron log or a pipe gets no bar at all). Optional: tests pass a fake terminal.
   */
  progressStream?(): NodeJS.WritableStream | undefined;
}

let stdoutError: Error | undefined;
let watchingStdout = false;

/**
 * A failed write to stdout must not crash the run with a raw stack (it used to, with exit
 * 1, which means "alerts found"): the error is kept and the entry point reports it as one
 * line with its own exit code, after delivery has already happened.
 */
function writeStdout(text: string): void {
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (error) => (stdoutError ??= error));
  }
  try {
    process.stdout.write(text, (error) => {
      if (error) stdoutError ??= error;
    });
  } catch (error) {
    stdoutError ??= error instanceof Error ? error : new Error(String(error));
  }
}

export const processIO: CliIO = {
  out: writeStdout,
  err: (text) => void process.stderr.write(text),
  env: process.env,
  now: () => new Date(),
  progressStream: () => (process.stderr.isTTY ? process.stderr : undefined),
  outputFailure: () =>
    new Promise((resolve) => {
      if (stdoutError !== undefined || !watchingStdout) {
        resolve(stdoutError);
        return;
      }
      // An empty write's callback runs after every earlier write has been flushed.
      process.stdout.write('', () => resolve(stdoutError));
    }),
};
