import { IncomingWebhookRequestError } from '@slack/webhook';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/delivery/attempt-failure.js';
import { toDeliveryError } from '../../src/delivery/failure-message.js';

/**
 * Which network failures may be retried within a run. Built from the error shape fetch
 * gives (TypeError "fetch failed" with the system error as cause) so that no test has to
 * resolve a real host name: all test traffic stays on 127.0.0.1.
 */
function networkError(code: string): IncomingWebhookRequestError {
  const system = Object.assign(new Error(`${code} hooks.slack.example`), { code });
  return new IncomingWebhookRequestError(new TypeError('fetch failed', { cause: system }));
}

const context = { webhookUrl: 'https://hooks.slack.example/services/T0/B0/x', retryAfterMs: undefined, maxRetryAfterMs: 1000 };

describe('classifyFailure on network errors', () => {
  it.each([
    // A connection never made, or a resolver failing for now: nothing reached Slack, retry.
    ['ECONNREFUSED', 'network', true, false],
    ['EAI_AGAIN', 'network', true, false],
    ['UND_ERR_CONNECT_TIMEOUT', 'network', true, false],
    ['CERT_HAS_EXPIRED', 'network', true, false],
    // No such host: permanent.
    ['ENOTFOUND', 'unknown-host', false, false],
    // Lost after the request may have gone out: Slack may have posted it; not retried.
    ['ECONNRESET', 'network', false, true],
    ['UND_ERR_SOCKET', 'network', false, true],
    ['EPIPE', 'network', false, true],
  ])('%s is %s, transient %s, maybe delivered %s', (code, kind, transient, maybeDelivered) => {
    const failure = classifyFailure(networkError(code), context);
    expect({ kind: failure.kind, transient: failure.transient, maybeDelivered: failure.extra.maybeDelivered === true }).toEqual({ kind, transient, maybeDelivered });
  });

  it('an unknown host fails at once with a hint to check the URL', () => {
    const error = toDeliveryError(classifyFailure(networkError('ENOTFOUND'), context), { route: 'growth', tries: 1, timeoutMs: 500, maxRetryAfterMs: 1000 });
    expect(error.message).toBe('Slack delivery for route "growth" failed: network error (ENOTFOUND): the webhook host does not exist, not retried');
    expect(error.hint).toMatch(/check the host in the route's webhook environment variable/);
    expect(error.maybeDelivered).toBe(false);
  });
});
