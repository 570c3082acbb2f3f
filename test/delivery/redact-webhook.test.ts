import { describe, expect, it } from 'vitest';
import { redactedErrorChain, redactWebhook } from '../../src/delivery/redact-webhook.js';
import { parseRetryAfter } from '../../src/delivery/retry-after.js';

const URL_ = 'https://hooks.slack.com/services/T0SECRET/B0SECRET/xyzSECRET';

describe('redactWebhook', () => {
  it('removes the URL, its path, and any Slack webhook', () => {
    expect(redactWebhook(`Failed to parse URL from ${URL_}`, URL_)).toBe('Failed to parse URL from [webhook redacted]');
    expect(redactWebhook('POST /services/T0SECRET/B0SECRET/xyzSECRET failed', URL_)).toBe('POST [webhook redacted] failed');
    expect(redactWebhook('other hooks.slack.com/services/T1/B2/abc here', URL_)).toBe('other [webhook redacted] here');
    expect(redactWebhook('a local http://127.0.0.1:9/services/X/Y/Z', 'http://127.0.0.1:9/services/X/Y/Z')).toBe('a local [webhook redacted]');
  });

  it('leaves text without the URL alone, even for an empty or path-less URL', () => {
    expect(redactWebhook('HTTP 500 / internal_error', '')).toBe('HTTP 500 / internal_error');
    expect(redactWebhook('HTTP 500 / internal_error', 'http://127.0.0.1:9/')).toBe('HTTP 500 / internal_error');
  });

  it('copies an error chain with redacted messages and stacks, dropping other properties', () => {
    const inner = Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL', input: URL_ });
    const outer = new TypeError(`Failed to parse URL from ${URL_}`, { cause: inner });
    const copy = redactedErrorChain(outer, URL_);
    expect(copy.message).toBe('Failed to parse URL from [webhook redacted]');
    expect(copy.stack).not.toContain('SECRET');
    expect(copy.cause).toMatchObject({ name: 'TypeError', message: 'Invalid URL', code: 'ERR_INVALID_URL' });
    expect(copy.cause).not.toHaveProperty('input');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('1')).toBe(1_000);
    expect(parseRetryAfter(' 2.5 ')).toBe(2_500);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:30 GMT', 10_000)).toBe(20_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 10_000)).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
  });
});
