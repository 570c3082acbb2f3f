import { DateTime } from 'luxon';
import type { IsoDate } from './iso-date.js';

// Time zones need the IANA database: Luxon, loaded only by the paths that resolve a
// date in the configured zone (iso-date.ts is integer arithmetic and loads nothing).

/** Today's calendar date in an IANA time zone, from an injected clock. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  const local = DateTime.fromJSDate(now).setZone(timeZone);
  if (!local.isValid) throw new RangeError(`unknown time zone: ${timeZone}`);
  return local.toISODate() as IsoDate;
}

export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.now().setZone(timeZone).isValid;
}
