/** What a webhook URL becomes in every message, log line and error we produce. */
export const WEBHOOK_REDACTED = '[webhook redacted]';

/** Any Slack webhook, whichever route it belongs to (the token is the path). */
const SLACK_WEBHOOK = /(?:https?:\/\/)?hooks\.slack\.com\/services\/\S+/gi;

/**
 * A webhook URL is a bearer secret: whoever has it can post to the channel. Client
 * errors quote it (`Failed to parse URL from <url>`), so every message derived from one
 * goes through here. Besides the URL as given we remove its normalised form and its path
 * (the secret part), in case a message quotes only those.
 */
export function redactWebhook(text: string, webhookUrl: string): string {
  let redacted = text;
  for (const form of secretForms(webhookUrl)) redacted = redacted.split(form).join(WEBHOOK_REDACTED);
  return redacted.replace(SLACK_WEBHOOK, WEBHOOK_REDACTED);
}

/** The URL, its normalised href and its path with query, longest first; never empty. */
function secretForms(webhookUrl: string): string[] {
  const forms = new Set<string>();
  if (webhookUrl.trim() !== '') forms.add(webhookUrl);
  if (URL.canParse(webhookUrl)) {
    const parsed = new URL(webhookUrl);
    forms.add(parsed.href);
    const pathAndQuery = `${parsed.pathname}${parsed.search}`;
    // A bare "/" would redact every slash; only a real path carries the token.
    if (pathAndQuery.length > 1) forms.add(pathAndQuery);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * A copy of an error chain that is safe to attach as a cause: name, redacted message and
 * stack, and string codes only. Other own properties are dropped on purpose: undici's
 * ERR_INVALID_URL carries the raw URL in `input`.
 */
export function redactedErrorChain(error: unknown, webhookUrl: string, depth = 0): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redactWebhook(source.message, webhookUrl));
  copy.name = source.name;
  copy.stack = redactWebhook(source.stack ?? `${source.name}: ${source.message}`, webhookUrl);
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  // Bounded: cause chains are short, but nothing forbids a cycle.
  if (source.cause !== undefined && depth < 4) copy.cause = redactedErrorChain(source.cause, webhookUrl, depth + 1);
  return copy;
}
