import { MonitorError, type ErrorCategory } from '../errors.js';

export type DemoErrorCode = 'DEMO_INVALID_OPTIONS' | 'DEMO_TARGET_EXISTS' | 'DEMO_NOT_A_DEMO_DATABASE';

/**
 * A failure a person can act on: a stable code, a one-line message and a hint. A
 * MonitorError so the CLI prints it as a user error instead of a bug: bad options and an
 * existing target are input mistakes (exit 2); a file that is not a demo warehouse is,
 * like any other unreadable DuckDB file, a warehouse problem (exit 3).
 */
export class DemoError extends MonitorError {
  constructor(
    readonly code: DemoErrorCode,
    message: string,
    override readonly hint: string,
  ) {
    super(categoryOf(code), message, hint);
  }
}

function categoryOf(code: DemoErrorCode): ErrorCategory {
  switch (code) {
    case 'DEMO_INVALID_OPTIONS':
    case 'DEMO_TARGET_EXISTS':
      return 'input';
    case 'DEMO_NOT_A_DEMO_DATABASE':
      return 'warehouse';
  }
}
