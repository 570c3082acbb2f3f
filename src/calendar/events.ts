import { addDays, isoWeekday, type IsoDate } from '../dates/iso-date.js';

/** A `calendar.events` entry as the (validated) config gives it. */
export interface EventSpec {
  readonly name: string;
  readonly date?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly monthly?: { readonly day: number } | undefined;
  readonly weekly?: { readonly weekday: number } | undefined;
  readonly before?: number | undefined;
  readonly after?: number | undefined;
}

/**
 * Whether `date` is a day of the event: an occurrence (the date, a day of the range, or a
 * day the recurring rule matches within its from/to bounds), or within `before` days
 * ahead of one or `after` days behind one.
 */
export function eventOccursOn(event: EventSpec, date: IsoDate): boolean {
  const before = event.before ?? 0;
  const after = event.after ?? 0;
  // An occurrence o marks o − before … o + after, so date is marked by one in date − after … date + before.
  for (let offset = -after; offset <= before; offset += 1) {
    if (isOccurrence(event, addDays(date, offset))) return true;
  }
  return false;
}

/** An occurrence itself, before the window. */
export function isOccurrence(event: EventSpec, day: IsoDate): boolean {
  if (event.date !== undefined) return day === event.date;
  if (event.from !== undefined && day < event.from) return false;
  if (event.to !== undefined && day > event.to) return false;
  if (event.monthly !== undefined) return dayOfMonthMatches(day, event.monthly.day);
  if (event.weekly !== undefined) return isoWeekday(day) === event.weekly.weekday;
  // A range: from and to are both set (the schema requires it).
  return event.from !== undefined && event.to !== undefined;
}

/** Day n of the month (n ≥ 1), or the |n|-th day from its end (n ≤ −1, −1 = last day). */
function dayOfMonthMatches(day: IsoDate, n: number): boolean {
  const dayOfMonth = Number(day.slice(8, 10));
  if (n > 0) return dayOfMonth === n;
  // Day 0 of the next month is the last of this one (months are 0-based for Date.UTC).
  const monthLength = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();
  return dayOfMonth === monthLength + n + 1;
}
