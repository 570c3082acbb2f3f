import { addDays, type IsoDate } from '../dates/iso-date.js';
import { dateHolidays, type HolidaysInstance } from './date-holidays.js';
import { canonicalCodes, type HolidaySourceSpec } from './holiday-sources.js';

const MS_PER_DAY = 86_400_000;
const DEFAULT_TYPES = ['public'] as const;

/** Holiday names by day. */
export type DayNames = ReadonlyMap<IsoDate, readonly string[]>;

/** One `calendar.holidays` entry: its holidays by day, expanded a year at a time on demand. */
export interface HolidaySource {
  /** The holidays of `year` (a holiday spanning into the next year keeps all its days). */
  holidaysOf(year: number): DayNames;
}

/**
 * A holiday source backed by date-holidays. A holiday's day is its local date in the
 * country (the YYYY-MM-DD of date-holidays' `date`), never a UTC instant; one that lasts
 * several days (Hanukkah, a school break) marks each of them. Years are expanded once and
 * cached.
 */
export function holidaySource(spec: HolidaySourceSpec): HolidaySource {
  let holidays: HolidaysInstance | undefined;
  const years = new Map<number, DayNames>();
  return {
    holidaysOf(year: number): DayNames {
      const cached = years.get(year);
      if (cached !== undefined) return cached;
      holidays ??= createHolidays(spec);
      const days = new Map<IsoDate, string[]>();
      for (const holiday of holidays.getHolidays(year)) {
        const first = holiday.date.slice(0, 10) as IsoDate;
        const span = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / MS_PER_DAY));
        for (let i = 0; i < span; i += 1) {
          const day = addDays(first, i);
          const names = days.get(day);
          if (names === undefined) days.set(day, [holiday.name]);
          else if (!names.includes(holiday.name)) names.push(holiday.name);
        }
      }
      years.set(year, days);
      return days;
    },
  };
}

function createHolidays(spec: HolidaySourceSpec): HolidaysInstance {
  const Holidays = dateHolidays();
  const { country, region } = canonicalCodes(spec);
  const types = [...(spec.types ?? DEFAULT_TYPES)] as ('public' | 'bank' | 'optional' | 'school' | 'observance')[];
  const options = { types, ...(spec.language === undefined ? {} : { languages: [spec.language] }) };
  return new Holidays(region === undefined ? { country } : { country, state: region }, options);
}
