import { IncomingWebhookHTTPError, IncomingWebhookRequestError } from '@slack/webhook';
import type { DeliveryFailureKind } from './delivery-error.js';
import { redactedErrorChain, redactWebhook } from './redact-webhook.js';

/**
 * One failed try, already redacted: `summary` is what went wrong in a few words
 * ("HTTP 500 internal_error", "network error (ECONNREFUSED)") and never holds the URL.
 * `maybeDelivered`: the request may have reached Slack, which may have posted it.
 */
export class AttemptFailure extends Error {
  constructor(
    readonly kind: DeliveryFailureKind,
    readonly summary: string,
    readonly transient: boolean,
    readonly extra: { statusCode?: number; slackCode?: string; retryAfterMs?: number; cause?: Error; maybeDelivered?: boolean } = {},
  ) {
    super(summary, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AttemptFailure';
  }
}

export interface ClassifyContext {
  readonly webhookUrl: string;
  /** Retry-After of the response that failed, if it was a 429 that had one. */
  readonly retryAfterMs: number | undefined;
  readonly maxRetryAfterMs: number;
}

/**
 * Network failures in which the request cannot have reached Slack: no connection was
 * made (refused, unreachable, a resolver that failed for now, a TLS handshake that
 * failed before anything was sent). Worth another try, and the try cannot double a post.
 */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_HANDSHAKE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/**
 * Sorts a client error into transient (5xx, 429, a connection that was never made: worth
 * another try), ambiguous (a timeout, or the connection lost after the request went out:
 * Slack may have posted it, and webhooks have no idempotency key, so another try could
 * double the message — not retried, the caller keeps it marked as maybe delivered), or
 * permanent (other 4xx, a 429 asking to wait too long, a host that does not exist).
 */
export function classifyFailure(error: unknown, context: ClassifyContext): AttemptFailure {
  const { webhookUrl } = context;
  const cause = redactedErrorChain(error, webhookUrl);
  if (error instanceof IncomingWebhookHTTPError) {
    const statusCode = error.statusCode;
    const slackCode = firstLine(redactWebhook(error.body, webhookUrl), 80) || undefined;
    const summary = slackCode === undefined ? `HTTP ${statusCode}` : `HTTP ${statusCode} ${slackCode}`;
    if (statusCode === 429) {
      const { retryAfterMs, maxRetryAfterMs } = context;
      const tooLong = retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs;
      return new AttemptFailure('rate-limited', summary, !tooLong, { statusCode, slackCode, retryAfterMs, cause });
    }
    return new AttemptFailure('http', summary, statusCode >= 500, { statusCode, slackCode, cause });
  }
  if (error instanceof IncomingWebhookRequestError) {
    const original = error.original;
    // We cannot tell whether the timer fired before or after the request was written: ambiguous.
    if (original.name === 'TimeoutError' || original.name === 'AbortError') {
      return new AttemptFailure('timeout', 'timeout', false, { cause, maybeDelivered: true });
    }
    if (errorCode(original.cause) === 'ERR_INVALID_URL' || errorCode(original) === 'ERR_INVALID_URL') {
      return new AttemptFailure('invalid-url', 'the webhook URL is not a valid URL', false, { cause });
    }
    const code = errorCode(original.cause) ?? errorCode(original);
    const detail = code ?? firstLine(redactWebhook(messageOf(original.cause) ?? original.message, webhookUrl), 120);
    // No such host: a typo in the URL, which no retry fixes (a resolver failing for now is EAI_AGAIN).
    if (code === 'ENOTFOUND') return new AttemptFailure('unknown-host', `network error (${detail})`, false, { cause });
    if (code !== undefined && (NOTHING_SENT.has(code) || TLS_HANDSHAKE.test(code))) {
      return new AttemptFailure('network', `network error (${detail})`, true, { cause });
    }
    // A reset, a dropped connection, an unknown failure: the request may have been sent.
    return new AttemptFailure('network', `network error (${detail})`, false, { cause, maybeDelivered: true });
  }
  // Not the client's error: a bug (ours or the client's). Retrying will not help.
  return new AttemptFailure('network', `unexpected error: ${firstLine(redactWebhook(messageOf(error) ?? String(error), webhookUrl), 160)}`, false, { cause });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function messageOf(error: unknown): string | undefined {
  return error instanceof Error ? error.message : undefined;
}

/** Messages must stay on one line; bodies of proxies and load balancers can be HTML pages. */
function firstLine(text: string, maxLength: number): string {
  const line = (text.trim().split(/\r?\n/)[0] ?? '').replace(/\s+/g, ' ');
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
