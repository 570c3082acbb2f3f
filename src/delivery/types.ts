/** A Slack incoming-webhook payload: fallback text plus Block Kit blocks. */
export interface SlackPayload {
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
}

export interface DeliveryOptions {
  /** Per-request timeout. */
  readonly timeoutMs: number;
  /** Tries in all (1 = no retry). */
  readonly attempts: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the message stays in the outbox. */
  readonly maxRetryAfterMs: number;
  readonly log: (line: string) => void;
}
