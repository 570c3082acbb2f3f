/**
 * A calendar date as `YYYY-MM-DD`. Dates travel through the whole pipeline as these
 * strings (never `Date` objects) so that no time zone can shift a day: BigQuery DATE,
 * DuckDB DATE and the stats core all agree on the text.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses `YYYY-MM-DD`; returns undefined for anything else, including 2026-02-30. A real
 * date is one that survives the round trip through its day number (2026-02-30 comes back
 * as 2026-03-02). Every row's dt is read through here, so it stays clear of Luxon.
 */
export function parseIsoDate(text: string): IsoDate | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  return fromEpochDay(epochDay(text as IsoDate)) === text ? (text as IsoDate) : undefined;
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
 *
 * Days since 1970-01-01 (UTC): integer day numbers for the hot paths. Read digit by digit
 * with the days-from-civil formula (H. Hinnant, "chrono-compatible low-level date
 * algorithms"): the detector converts a date per stored value, and this is several times
 * cheaper than slicing the text and calling Date.UTC. Exact for every valid IsoDate
 * (test/dates/iso-date.test.ts compares it with Date.UTC day by day over 400 years).
 */
export function epochDay(date: IsoDate): number {
  const digit = (i: number): number => date.charCodeAt(i) - 48;
  let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(epochDay(date) + days);
}

/**
 * The date of a day number (epochDay's inverse; Hinnant's civil-from-days), for years
 * 0–9999: the detector names every baseline day it reports, and a Date plus toISOString
 * per name was a tenth of a backtest's scoring time.
 */
export function fromEpochDay(dayNumber: number): IsoDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}` as IsoDate;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. Computed here, never in SQL (engines disagree). */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Mon … Sun: the reports are in English whatever the machine's locale. */
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[isoWeekday(date) - 1] as string;
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

/** Today's date in UTC, from an injected clock. Other time zones: todayIn (time-zone.ts). */
export function utcToday(now: Date): IsoDate {
  return fromEpochDay(Math.floor(now.getTime() / 86_400_000));
}

/** First day of the date's month. */
export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01` as IsoDate;
}

export function daysInMonth(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const next = month === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${date.slice(0, 5)}${String(month + 1).padStart(2, '0')}-01`;
  return epochDay(next as IsoDate) - epochDay(startOfMonth(date));
}
