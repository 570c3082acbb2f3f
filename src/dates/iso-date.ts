import { DateTime } from 'luxon';

/**
 * A calendar date as `YYYY-MM-DD`. Dates travel through the whole pipeline as these
 * strings (never `Date` objects) so that no time zone can shift a day: BigQuery DATE,
 * DuckDB DATE and the stats core all agree on the text.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toDateTime(date: IsoDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

/** Parses `YYYY-MM-DD`; returns undefined for anything else, including 2026-02-30. */
export function parseIsoDate(text: string): IsoDate | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? (parsed.toISODate() as IsoDate) : undefined;
}

/** Like parseIsoDate, for values the program itself produced: a bad one is a bug. */
export function isoDate(text: string): IsoDate {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return parsed;
}

/**
 * WHY not Luxon here: addDays, daysBetween and isoWeekday run ~10 times per scored value
 * (every baseline date), and building a Luxon DateTime per call made scoring a year of
 * enterprise orgs take 8 s, almost all of it in date objects. A UTC day count is exact
 * for calendar dates (no time zone, no DST) and ~50× cheaper.
 */
const MS_PER_DAY = 86_400_000;

function epochDay(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((epochDay(date) + days) * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. Computed here, never in SQL (engines disagree). */
export function isoWeekday(date: IsoDate): number {
  return ((new Date(epochDay(date) * MS_PER_DAY).getUTCDay() + 6) % 7) + 1;
}

export function weekdayName(date: IsoDate): string {
  return toDateTime(date).toFormat('ccc');
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

/** Every date from start to end inclusive; empty when end is before start. */
export function dateRange(start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Today's calendar date in an IANA time zone, from an injected clock. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  const local = DateTime.fromJSDate(now).setZone(timeZone);
  if (!local.isValid) throw new RangeError(`unknown time zone: ${timeZone}`);
  return local.toISODate() as IsoDate;
}

export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.now().setZone(timeZone).isValid;
}

/** First day of the date's month. */
export function startOfMonth(date: IsoDate): IsoDate {
  return toDateTime(date).startOf('month').toISODate() as IsoDate;
}

export function daysInMonth(date: IsoDate): number {
  return toDateTime(date).daysInMonth ?? 30;
}
