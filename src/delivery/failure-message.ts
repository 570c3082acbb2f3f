import { DeliveryError } from './delivery-error.js';
import type { AttemptFailure } from './attempt-failure.js';

/** Slack's plain-text answers that mean the webhook itself is revoked, gone or forbidden. */
const WEBHOOK_GONE = new Set([
  'no_service',
  'no_team',
  'team_disabled',
  'no_active_hooks',
  'invalid_token',
  'channel_not_found',
  'channel_is_archived',
  'action_prohibited',
  'posting_to_general_channel_denied',
]);

/** Said of a try that may have been posted: why it was not retried, and what happens next. */
const MAYBE_DELIVERED = '; the post may have reached Slack, not retried';
const RESENT_MARKED = 'the next run sends it once more, marked as a possible repeat';

const FIX_WEBHOOK = "create a new incoming webhook in Slack and put its URL in the route's webhook environment variable";

export interface FailureContext {
  readonly route: string | undefined;
  readonly tries: number;
  readonly timeoutMs: number;
  readonly maxRetryAfterMs: number;
}

/** The one-line DeliveryError for the last failed try: what failed, for which route, and how to fix it. */
export function toDeliveryError(failure: AttemptFailure, context: FailureContext): DeliveryError {
  const { tries } = context;
  const subject = context.route === undefined ? 'Slack delivery failed' : `Slack delivery for route "${context.route}" failed`;
  const { what, hint } = describe(failure, context);
  const afterTries = failure.transient ? ` after ${tries} ${tries === 1 ? 'try' : 'tries'}` : '';
  const maybeDelivered = failure.extra.maybeDelivered === true;
  return new DeliveryError(
    `${subject}: ${what}${afterTries}`,
    hint,
    {
      kind: failure.kind,
      route: context.route ?? 'default',
      tries,
      statusCode: failure.extra.statusCode,
      retryAfterMs: failure.extra.retryAfterMs,
      maybeDelivered,
    },
    { cause: failure },
  );
}

function describe(failure: AttemptFailure, context: FailureContext): { what: string; hint: string } {
  const { statusCode = 0, slackCode = '', retryAfterMs } = failure.extra;
  switch (failure.kind) {
    case 'rate-limited':
      if (!failure.transient && retryAfterMs !== undefined) {
        return {
          what: `rate limited (HTTP 429): Slack asks to wait ${seconds(retryAfterMs)}, more than slack.delivery.maxRetryAfterMs (${context.maxRetryAfterMs} ms)`,
          hint: 'try again later, or raise slack.delivery.maxRetryAfterMs',
        };
      }
      return { what: `rate limited (${failure.summary})`, hint: 'Slack allows about one message per second per webhook: try again later' };
    case 'http':
      if (statusCode >= 500) return { what: failure.summary, hint: 'Slack is failing (see status.slack.com): try again later' };
      if (WEBHOOK_GONE.has(slackCode) || statusCode === 403 || statusCode === 404 || statusCode === 410) {
        return { what: `${failure.summary}, not retried`, hint: `the webhook was revoked, or its channel archived or deleted: ${FIX_WEBHOOK}` };
      }
      if (statusCode === 400) {
        return {
          what: `${failure.summary}, not retried`,
          hint: 'Slack refused the message itself: a bug in how monitor builds Slack messages; report it with the command that reproduces the run',
        };
      }
      return { what: `${failure.summary}, not retried`, hint: `Slack refused the request: check the webhook URL in the route's environment variable` };
    case 'timeout':
      return {
        what: `no answer within ${context.timeoutMs} ms (timeout)${MAYBE_DELIVERED}`,
        hint: `${RESENT_MARKED}; check that this machine can reach hooks.slack.com, or raise slack.delivery.timeoutMs`,
      };
    case 'network':
      if (failure.extra.maybeDelivered === true) {
        return { what: `${failure.summary}${MAYBE_DELIVERED}`, hint: `${RESENT_MARKED}; check the network path to hooks.slack.com (proxy, firewall)` };
      }
      return { what: failure.summary, hint: 'check that this machine can reach hooks.slack.com (DNS, proxy, firewall)' };
    case 'unknown-host':
      return {
        what: `${failure.summary}: the webhook host does not exist, not retried`,
        hint: `check the host in the route's webhook environment variable (Slack's is hooks.slack.com) and this machine's DNS`,
      };
    case 'invalid-url':
      return { what: `${failure.summary}, not retried`, hint: `set the route's webhook environment variable to the full URL Slack gave (https://hooks.slack.com/services/…)` };
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
