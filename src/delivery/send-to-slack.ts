import { IncomingWebhook, type IncomingWebhookSendArguments } from '@slack/webhook';
import pRetry, { AbortError } from 'p-retry';
import { AttemptFailure, classifyFailure } from './attempt-failure.js';
import type { DeliveryError } from './delivery-error.js';
import { toDeliveryError } from './failure-message.js';
import { redactWebhook } from './redact-webhook.js';
import { recordRetryAfter } from './retry-after.js';
import { checkWebhookUrl } from './webhook-url.js';
import type { DeliveryOptions, SlackPayload } from './types.js';

export interface SendToSlackOptions extends DeliveryOptions {
  /** The route's name, for messages and logs (the webhook URL is a secret and never shown). */
  readonly route?: string;
}

/**
 * Posts one payload to an incoming webhook with the real @slack/webhook client, retrying
 * what may pass and cannot double the post (5xx, 429, connections never made) with
 * jittered exponential backoff, `attempts` tries in all. A 429 waits exactly its
 * Retry-After instead of the backoff, unless that exceeds `maxRetryAfterMs`: then we give
 * up at once and the caller keeps the message for the next run. A try that may have
 * reached Slack (a timeout, a connection lost after sending) is not retried: the error
 * says `maybeDelivered` and the caller decides. Any other 4xx, an unknown host, or a URL
 * that is not https (plain http only to loopback) fails at once, the URL before any
 * request. Throws a DeliveryError, whose message, hint and cause never hold the URL.
 */
export async function sendToSlack(webhookUrl: string, payload: SlackPayload, options: SendToSlackOptions): Promise<void> {
  const { attempts, route } = options;
  let tries = 0;
  const fail = (failure: AttemptFailure): DeliveryError =>
    toDeliveryError(failure, { route, tries, timeoutMs: options.timeoutMs, maxRetryAfterMs: options.maxRetryAfterMs });
  const urlProblem = checkWebhookUrl(webhookUrl);
  if (urlProblem !== undefined) throw fail(urlProblem);
  const redact = (text: string): string => redactWebhook(text, webhookUrl);
  const log = (line: string): void => options.log(redact(line));
  const recorder = recordRetryAfter();
  // The client's own retries are off (retries: 0): ours are the only ones, so the count is exact.
  const webhook = new IncomingWebhook(webhookUrl, { fetch: recorder.fetch, timeout: options.timeoutMs, retryConfig: { retries: 0 } });
  // Only what we built goes out: no username/channel overrides, the payload as given.
  const message: IncomingWebhookSendArguments = {
    text: payload.text,
    blocks: payload.blocks as unknown as IncomingWebhookSendArguments['blocks'],
  };
  try {
    await pRetry(
      async () => {
        tries += 1;
        try {
          await webhook.send(message);
        } catch (error) {
          const failure = classifyFailure(error, { webhookUrl, retryAfterMs: recorder.lastRetryAfterMs(), maxRetryAfterMs: options.maxRetryAfterMs });
          throw failure.transient ? failure : new AbortError(failure);
        }
      },
      {
        retries: attempts - 1,
        minTimeout: options.minDelayMs,
        maxTimeout: options.maxDelayMs,
        factor: 2,
        randomize: true,
        // A 429 with Retry-After is waited for in onFailedAttempt, so it must not also
        // take p-retry's backoff; the attempt bound is enforced there for every failure.
        shouldConsumeRetry: ({ error }) => retryAfterOf(error) === undefined,
        shouldRetry: ({ error }) => error instanceof AttemptFailure && error.transient,
        onFailedAttempt: async ({ error, attemptNumber }) => {
          if (!(error instanceof AttemptFailure) || attemptNumber >= attempts) throw error;
          const wait = retryAfterOf(error);
          const where = route === undefined ? 'slack' : `slack route "${route}"`;
          if (wait === undefined) {
            log(`${where}: try ${attemptNumber} of ${attempts} failed (${error.summary}), retrying with backoff`);
            return;
          }
          log(`${where}: try ${attemptNumber} of ${attempts} rate limited (${error.summary}), waiting ${wait} ms as Slack's Retry-After asks`);
          await sleep(wait);
        },
      },
    );
  } catch (error) {
    if (error instanceof AttemptFailure) throw fail(error);
    // p-retry itself failed (e.g. an invalid option): still never let the URL through.
    throw fail(classifyFailure(error, { webhookUrl, retryAfterMs: undefined, maxRetryAfterMs: options.maxRetryAfterMs }));
  }
}

/** The Retry-After to honour before the next try, when the failure is a 429 that sent one. */
function retryAfterOf(error: Error): number | undefined {
  return error instanceof AttemptFailure && error.kind === 'rate-limited' && error.transient ? error.extra.retryAfterMs : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
