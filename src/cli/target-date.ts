import { addDays, parseIsoDate, type IsoDate } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { UsageError } from '../errors.js';

/**
 * --date: `yesterday`, `today` or YYYY-MM-DD, in the configured time zone. Dates after
 * today cannot have data, so they are refused rather than reported as "missing".
 */
export function resolveTargetDate(text: string | undefined, options: { timeZone: string; now: Date; lagDays: number }): IsoDate {
  const today = todayIn(options.timeZone, options.now);
  if (text === undefined) return addDays(today, -options.lagDays);
  if (text === 'today') return today;
  if (text === 'yesterday') return addDays(today, -1);
  const date = parseIsoDate(text);
  if (date === undefined) {
    throw new UsageError(`--date ${text}: not a date`, 'use yesterday, today, or a calendar date as YYYY-MM-DD');
  }
  if (date > today) {
    throw new UsageError(`--date ${text}: is in the future (today is ${today} in ${options.timeZone})`, 'pick today or an earlier date');
  }
  return date;
}
