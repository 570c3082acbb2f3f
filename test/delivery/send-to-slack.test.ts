import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/delivery/delivery-error.js';
import { sendToSlack, type SendToSlackOptions } from '../../src/delivery/send-to-slack.js';
import type { SlackPayload } from '../../src/delivery/types.js';
import { closedPort, FakeSlack, type Reply } from '../helpers/fake-slack/index.js';

const SECRET_PATH = '/services/T0SECRET/B0SECRET/xyzSECRET';
const ATTEMPTS = 3;
// Generous for every answer the fake gives: the first request of a process (the client's
// and fetch's first use) can take a few hundred ms on a loaded 2-core CI machine, and a
// success must not turn into a timeout there. The hanging-server test sets its own.
const TIMEOUT_MS = 10_000;
const HANG_TIMEOUT_MS = 300;

const payload: SlackPayload = {
  text: 'usage · 2026-11-24: 1 CRITICAL',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*CRITICAL* Free · Image generations' } }],
};

let fake: FakeSlack;
let logs: string[];

beforeEach(async () => {
  fake = await FakeSlack.start();
  logs = [];
});

afterEach(async () => {
  await fake.stop();
});

function options(overrides: Partial<SendToSlackOptions> = {}): SendToSlackOptions {
  return {
    route: 'growth',
    timeoutMs: TIMEOUT_MS,
    attempts: ATTEMPTS,
    minDelayMs: 5,
    maxDelayMs: 20,
    maxRetryAfterMs: 2_000,
    log: (line) => logs.push(line),
    ...overrides,
  };
}

/** Sends to the fake's secret-looking URL after scripting its replies; returns the error, if any. */
async function sendWith(script: Reply[], overrides: Partial<SendToSlackOptions> = {}): Promise<DeliveryError | undefined> {
  fake.respond(script);
  try {
    await sendToSlack(fake.url(SECRET_PATH), payload, options(overrides));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
}

/** The webhook URL must not leak through anything a person or a log collector could see. */
function expectNoSecret(error: DeliveryError | undefined, lines: readonly string[]): void {
  expect(error).toBeInstanceOf(DeliveryError);
  const e = error as DeliveryError;
  const visible = [e.message, e.hint ?? '', e.stack ?? '', String(e), inspect(e, { depth: Infinity }), ...lines];
  let cause: unknown = e.cause;
  for (let depth = 0; cause instanceof Error && depth < 10; depth += 1) {
    visible.push(cause.message, cause.stack ?? '', inspect(cause, { depth: Infinity }));
    cause = cause.cause;
  }
  for (const text of visible) expect(text).not.toMatch(/SECRET/i);
  expect(e.message).not.toContain('\n');
}

describe('sendToSlack against a fake Slack with the real client', () => {
  it('delivers once, with the payload as the body, on a 200', async () => {
    expect(await sendWith([{ status: 200 }])).toBeUndefined();
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]).toMatchObject({ method: 'POST', path: SECRET_PATH, outcome: 'ok', body: payload });
    expect(logs).toEqual([]);
  });

  it("waits Slack's Retry-After after a 429, not the shorter backoff, then delivers once", async () => {
    expect(await sendWith([{ status: 429, retryAfterSeconds: 1 }, { status: 200 }])).toBeUndefined();
    expect(fake.received.map((r) => r.outcome)).toEqual(['error', 'ok']);
    const [first, second] = fake.received;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/route "growth".*429.*waiting 1000 ms/);
  });

  it('gives up at once when Retry-After is longer than maxRetryAfterMs', async () => {
    const started = Date.now();
    const error = await sendWith([{ status: 429, retryAfterSeconds: 30 }]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.count()).toBe(1);
    expect(error).toMatchObject({ category: 'delivery', kind: 'rate-limited', statusCode: 429, retryAfterMs: 30_000, tries: 1 });
    expect(error!.message).toMatch(/route "growth".*429.*30 s.*maxRetryAfterMs/);
    expectNoSecret(error, logs);
  });

  it('counts 429s against the attempts too', async () => {
    const error = await sendWith(Array.from({ length: 10 }, () => ({ status: 429, retryAfterSeconds: 0 })));
    expect(fake.count()).toBe(ATTEMPTS);
    expect(error).toMatchObject({ kind: 'rate-limited', tries: ATTEMPTS });
    expectNoSecret(error, logs);
  });

  it('falls back to the backoff on a 429 without Retry-After', async () => {
    expect(await sendWith([{ status: 429 }, { status: 200 }])).toBeUndefined();
    expect(fake.received.map((r) => r.outcome)).toEqual(['error', 'ok']);
    expect(logs[0]).toMatch(/HTTP 429 rate_limited.*backoff/);
  });

  it('retries 5xx and delivers once after 500, 500, 200', async () => {
    expect(await sendWith([{ status: 500 }, { status: 500 }, { status: 200 }])).toBeUndefined();
    expect(fake.received.map((r) => r.outcome)).toEqual(['error', 'error', 'ok']);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/try 1 of 3 failed \(HTTP 500 internal_error\)/);
  });

  it('fails after exactly `attempts` requests when 5xx continue', async () => {
    const error = await sendWith(Array.from({ length: 10 }, () => ({ status: 503 })));
    expect(fake.count()).toBe(ATTEMPTS);
    expect(error).toMatchObject({ kind: 'http', statusCode: 503, tries: ATTEMPTS });
    expect(error!.message).toBe('Slack delivery for route "growth" failed: HTTP 503 service_unavailable after 3 tries');
    expect(logs).toHaveLength(ATTEMPTS - 1);
    expectNoSecret(error, logs);
  });

  it.each([
    { status: 404, body: 'no_service', hint: /revoked/ },
    { status: 400, body: 'invalid_payload', hint: /bug in how monitor builds Slack messages/ },
    { status: 410, body: 'channel_is_archived', hint: /archived/ },
  ])('fails after one request on a $status $body: a 4xx will not fix itself', async ({ status, body, hint }) => {
    const error = await sendWith([{ status, body }, { status: 200 }]);
    expect(fake.count()).toBe(1);
    expect(error).toMatchObject({ kind: 'http', statusCode: status, tries: 1 });
    expect(error!.message).toBe(`Slack delivery for route "growth" failed: HTTP ${status} ${body}, not retried`);
    expect(error!.hint).toMatch(hint);
    expect(logs).toEqual([]);
    expectNoSecret(error, logs);
  });

  it('retries a refused connection, then fails after `attempts` tries', async () => {
    const port = await closedPort();
    let error: unknown;
    try {
      await sendToSlack(`http://127.0.0.1:${port}${SECRET_PATH}`, payload, options());
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'network', tries: ATTEMPTS });
    expect((error as DeliveryError).message).toBe('Slack delivery for route "growth" failed: network error (ECONNREFUSED) after 3 tries');
    expect(logs).toHaveLength(ATTEMPTS - 1);
    expectNoSecret(error as DeliveryError, logs);
  });

  it('does not retry a connection dropped after the request was sent: Slack may have posted it', async () => {
    const error = await sendWith([{ destroy: true }, { status: 200 }]);
    expect(fake.received.map((r) => r.outcome)).toEqual(['destroy']);
    expect(error).toMatchObject({ kind: 'network', tries: 1, maybeDelivered: true });
    expect(error!.message).toBe('Slack delivery for route "growth" failed: network error (UND_ERR_SOCKET); the post may have reached Slack, not retried');
    expect(error!.hint).toMatch(/next run sends it once more, marked as a possible repeat/);
    expectNoSecret(error, logs);
  });

  it('does not retry a timed-out try on a hanging server: one request, one timeout, maybe delivered', async () => {
    const started = Date.now();
    const error = await sendWith(Array.from({ length: 10 }, () => ({ hang: true as const })), { timeoutMs: HANG_TIMEOUT_MS });
    const elapsed = Date.now() - started;
    expect(fake.count('hang')).toBe(1);
    expect(fake.count()).toBe(1);
    expect(error).toMatchObject({ kind: 'timeout', tries: 1, maybeDelivered: true });
    expect(error!.message).toBe(`Slack delivery for route "growth" failed: no answer within ${HANG_TIMEOUT_MS} ms (timeout); the post may have reached Slack, not retried`);
    // The configured timeout was waited for (a lower bound: no upper one, which load would make flaky).
    expect(elapsed).toBeGreaterThanOrEqual(HANG_TIMEOUT_MS - 20);
    expect(logs).toEqual([]);
    expectNoSecret(error, logs);
  });

  it('refuses a malformed webhook URL at once, without quoting it', async () => {
    let error: unknown;
    try {
      await sendToSlack('hooks.slack.com/services/T0SECRET/B0SECRET/xyzSECRET', payload, options());
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'invalid-url', tries: 0 });
    expect(logs).toEqual([]);
    expectNoSecret(error as DeliveryError, logs);
  });

  it.each([
    ['ftp://127.0.0.1/services/T0SECRET/B0SECRET/xyzSECRET', 'the webhook URL uses ftp:, not https:, not retried'],
    ['http://hooks.slack.com/services/T0SECRET/B0SECRET/xyzSECRET', 'the webhook URL uses plain http to a host that is not loopback'],
    ['https://user:pw@hooks.slack.com/services/T0SECRET/B0SECRET/xyzSECRET', 'the webhook URL carries a user name or password, not retried'],
  ])('refuses %s before any request, with a hint', async (url, message) => {
    let error: unknown;
    try {
      await sendToSlack(url, payload, options());
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'invalid-url', tries: 0, maybeDelivered: false });
    expect((error as DeliveryError).message).toContain(message);
    expect((error as DeliveryError).hint).toMatch(/full URL Slack gave/);
    expect(logs).toEqual([]);
    expectNoSecret(error as DeliveryError, logs);
  });

  it('accepts plain http to localhost (loopback), as tests and local proxies use it', async () => {
    fake.respond([{ status: 200 }]);
    await sendToSlack(fake.url(SECRET_PATH).replace('127.0.0.1', 'localhost'), payload, options());
    expect(fake.count('ok')).toBe(1);
  });

  it('names no route when none is given', async () => {
    const error = await sendWith([{ status: 404 }], { route: undefined });
    expect(error!.message).toBe('Slack delivery failed: HTTP 404 no_service, not retried');
  });
});
