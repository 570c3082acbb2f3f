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
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
  now: () => new Date(),
};
