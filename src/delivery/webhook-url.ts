import { isIPv4 } from 'node:net';
import { AttemptFailure } from './attempt-failure.js';

/**
 * Checks a webhook URL before any request, so a URL that can never work fails at once
 * with a hint instead of burning retries (and, for a mistyped host, DNS lookups).
 * Slack gives https URLs; any host is accepted (Slack-compatible receivers and relays
 * exist), but plain http only to a loopback host — 127.0.0.0/8, localhost, ::1 — which
 * tests and local proxies use: anywhere else it would send the secret URL in clear text.
 * Messages name the scheme at most, never the URL: it is a secret.
 */
export function checkWebhookUrl(webhookUrl: string): AttemptFailure | undefined {
  if (!URL.canParse(webhookUrl)) return invalid('the webhook URL is not a valid URL');
  const url = new URL(webhookUrl);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return invalid('the webhook URL uses plain http to a host that is not loopback (plain http is allowed only to a loopback host: 127.0.0.0/8, localhost, ::1)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid(`the webhook URL uses ${url.protocol}, not https:`);
  // fetch refuses such URLs with an opaque TypeError; Slack's never carry credentials.
  if (url.username !== '' || url.password !== '') return invalid('the webhook URL carries a user name or password');
  return undefined;
}

/** `hostname` as URL gives it: IPv4 normalised ("127.1" → "127.0.0.1"), IPv6 in brackets. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'));
}

function invalid(summary: string): AttemptFailure {
  return new AttemptFailure('invalid-url', summary, false);
}
