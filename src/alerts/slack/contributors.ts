import type { Alert } from '../alert.js';
import { formatValue } from '../format-number.js';
import { escapeMrkdwn } from './mrkdwn.js';

export const MAX_CONTRIBUTORS = 5;

/**
 * Root-cause analysis will fill `alert.contributors`; until its shape is fixed, each
 * contributor is read generically: `member` (who), `baseline` and `current` (in the
 * metric's unit), `change` (current − baseline, same unit) and `share` (the fraction of
 * the alert's move it explains). Missing fields are left out; strings are shown as given.
 */
export function contributorLines(alert: Pick<Alert, 'contributors' | 'unit' | 'display'>): string[] {
  const lines = alert.contributors.map((c) => contributorLine(c, alert)).filter((l): l is string => l !== null);
  if (lines.length <= MAX_CONTRIBUTORS) return lines;
  const hidden = lines.length - MAX_CONTRIBUTORS;
  return [...lines.slice(0, MAX_CONTRIBUTORS), `• …and ${hidden} more`];
}

function contributorLine(contributor: unknown, alert: Pick<Alert, 'unit' | 'display'>): string | null {
  if (typeof contributor === 'string' || typeof contributor === 'number') return `• ${escapeMrkdwn(String(contributor))}`;
  if (typeof contributor !== 'object' || contributor === null || Array.isArray(contributor)) return null;
  const fields = contributor as Record<string, unknown>;
  const member = text(fields['member'], String);
  const baseline = text(fields['baseline'], (n) => formatValue(n, null, alert.display));
  const current = text(fields['current'], (n) => formatValue(n, alert.unit, alert.display));
  const change = text(fields['change'], (n) => `${n > 0 ? '+' : ''}${formatValue(n, null, alert.display)}`);
  const share = text(fields['share'], (n) => `${Math.round(n * 100)}% of the move`);

  const values = baseline !== null && current !== null ? `${baseline} → ${current}` : (current ?? baseline);
  const details = [change, share].filter((d): d is string => d !== null);
  const body = [values, details.length > 0 ? `(${details.join(', ')})` : null].filter((p): p is string => p !== null).join(' ');
  if (member === null && body === '') return null;
  if (member === null) return `• ${body}`;
  return body === '' ? `• ${member}` : `• ${member}: ${body}`;
}

/** A field as escaped text: numbers through `format`, strings verbatim, anything else absent. */
function text(value: unknown, format: (n: number) => string): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return escapeMrkdwn(format(value));
  if (typeof value === 'string' && value !== '') return escapeMrkdwn(value);
  return null;
}
