export type DemoErrorCode = 'DEMO_INVALID_OPTIONS' | 'DEMO_TARGET_EXISTS' | 'DEMO_NOT_A_DEMO_DATABASE';

/** A failure a person can act on: a stable code, a one-line message and a hint. */
export class DemoError extends Error {
  override readonly name = 'DemoError';

  constructor(
    readonly code: DemoErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}
