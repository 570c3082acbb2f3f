import { MonitorError } from '../errors.js';

/** How a delivery failed, for callers that treat the cases differently (and for tests). */
export type DeliveryFailureKind = 'http' | 'rate-limited' | 'network' | 'timeout' | 'invalid-url' | 'unknown-host';

export interface DeliveryFailureDetails {
  readonly kind: DeliveryFailureKind;
  /** The route the message was for, e.g. "payments" (never the webhook URL). */
  readonly route: string;
  /** Requests made, the failed ones included. */
  readonly tries: number;
  /** The HTTP status of the last answer, when there was one. */
  readonly statusCode?: number;
  /** Slack's Retry-After on a 429, in ms. */
  readonly retryAfterMs?: number;
  /** The last try may have reached Slack (a timeout, a connection lost after sending): a re-send may repeat it. */
  readonly maybeDelivered?: boolean;
}

/**
 * A Slack message could not be delivered (exit code 4). The message and hint never
 * contain the webhook URL: they are built from redacted parts only.
 */
export class DeliveryError extends MonitorError {
  readonly kind: DeliveryFailureKind;
  readonly route: string;
  readonly tries: number;
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly maybeDelivered: boolean;

  constructor(message: string, hint: string, details: DeliveryFailureDetails, options?: { cause?: unknown }) {
    super('delivery', message, hint, options);
    this.kind = details.kind;
    this.route = details.route;
    this.tries = details.tries;
    this.statusCode = details.statusCode;
    this.retryAfterMs = details.retryAfterMs;
    this.maybeDelivered = details.maybeDelivered ?? false;
  }
}
