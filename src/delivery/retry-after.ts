import type { FetchFunction } from '@slack/webhook';

/**
 * Retry-After in ms: delta-seconds (what Slack sends) or an HTTP date. Undefined when
 * absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its weekday and month; Date.parse alone would take "-1" as a year.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** What the last response said about waiting, read after a failed send. */
export interface RetryAfterRecorder {
  readonly fetch: FetchFunction;
  /** Retry-After of the last response if it was a 429, else undefined. */
  lastRetryAfterMs(): number | undefined;
}

/**
 * IncomingWebhook turns a 429 into an error without its headers, so we hand it a fetch
 * that notes Retry-After on the way through. One recorder per send: no shared state.
 */
export function recordRetryAfter(baseFetch: typeof globalThis.fetch = globalThis.fetch): RetryAfterRecorder {
  let last: number | undefined;
  const fetch: FetchFunction = async (url, init) => {
    last = undefined; // a network error after a 429 must not reuse the old value
    const response = await baseFetch(url, init);
    last = response.status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    return response;
  };
  return { fetch, lastRetryAfterMs: () => last };
}
