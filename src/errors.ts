/**
 * Every failure the user can act on is a MonitorError: a category that maps to a
 * documented exit code, a one-line message, and a hint saying how to fix it.
 * Commands throw; only the entry point turns errors into exit codes.
 */
export type ErrorCategory = 'input' | 'config' | 'warehouse' | 'delivery';

export class MonitorError extends Error {
  constructor(
    readonly category: ErrorCategory,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad flag, date, domain or argument. */
export class UsageError extends MonitorError {
  constructor(message: string, hint?: string) {
    super('input', message, hint);
  }
}

/** A missing, malformed or invalid config file. */
export class ConfigError extends MonitorError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super('config', message, hint, options);
  }
}

/** The warehouse refused, failed, or returned something we cannot trust. */
export class WarehouseError extends MonitorError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super('warehouse', message, hint, options);
  }
}

/** Thrown by the CLI layer when a run finished but must exit non-zero (e.g. --fail-on). */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
  }
}
