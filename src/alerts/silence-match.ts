import type { IsoDate } from '../dates/iso-date.js';
import { UsageError } from '../errors.js';
import type { Alert } from './alert.js';

/** A type alias, not an interface, so that it stays assignable to Record<string, string | undefined>. */
export type SilenceMatch = {
  readonly domain?: string;
  readonly series?: string;
  readonly metric?: string;
};

export interface Silence {
  readonly id: string;
  /** Every key present must equal the alert's; an absent key matches anything. */
  readonly match: SilenceMatch;
  /** Last day silenced (inclusive). */
  readonly until: IsoDate;
  readonly reason: string;
}

const SILENCE_KEYS = ['domain', 'series', 'metric'] as const;
type SilenceKey = (typeof SILENCE_KEYS)[number];

const FORMAT_HINT = 'write key=value pairs separated by commas, e.g. domain=usage,series=free,metric=dau';

/**
 * The silence that holds the alert back, if any. Compared with the alert's own date, not
 * a clock: a re-run for an old date sees the silences as they applied that day, and
 * `until` is inclusive because people say "silence until Friday" meaning Friday too.
 * When several apply, the one lasting longest wins (ties: the first given), so that
 * "silenced until …" names the date the alert will really be back.
 */
export function activeSilenceFor(alert: Alert, silences: readonly Silence[]): Silence | undefined {
  let active: Silence | undefined;
  for (const silence of silences) {
    if (alert.date > silence.until || !matchesAlert(silence.match, alert)) continue;
    if (active === undefined || silence.until > active.until) active = silence;
  }
  return active;
}

function matchesAlert(match: SilenceMatch, alert: Alert): boolean {
  return SILENCE_KEYS.every((key) => match[key] === undefined || match[key] === alert[key]);
}

/**
 * 'domain=usage,series=free,metric=dau' → { domain: 'usage', series: 'free', metric: 'dau' }.
 * Strict on purpose: a typo'd key silently ignored would silence far more than intended
 * (an absent key matches anything), so unknown or repeated keys, empty values and an empty
 * match are refused.
 */
export function parseSilenceMatch(text: string): SilenceMatch {
  if (text.trim() === '') throw new UsageError('silence match is empty: it would silence every alert', FORMAT_HINT);
  const match: { -readonly [K in SilenceKey]?: string } = {};
  for (const rawPair of text.split(',')) {
    const pair = rawPair.trim();
    const parts = pair.split('=');
    if (parts.length !== 2) {
      throw new UsageError(`bad silence match ${JSON.stringify(text)}: ${JSON.stringify(pair)} is not key=value`, FORMAT_HINT);
    }
    const key = (parts[0] ?? '').trim();
    const value = (parts[1] ?? '').trim();
    if (!isSilenceKey(key)) {
      throw new UsageError(
        `bad silence match ${JSON.stringify(text)}: unknown key ${JSON.stringify(key)}`,
        `keys are ${SILENCE_KEYS.join(', ')}`,
      );
    }
    if (value === '') {
      throw new UsageError(`bad silence match ${JSON.stringify(text)}: ${key} has an empty value`, FORMAT_HINT);
    }
    if (match[key] !== undefined) {
      throw new UsageError(`bad silence match ${JSON.stringify(text)}: ${key} is given twice`, FORMAT_HINT);
    }
    match[key] = value;
  }
  return match;
}

function isSilenceKey(key: string): key is SilenceKey {
  return (SILENCE_KEYS as readonly string[]).includes(key);
}
