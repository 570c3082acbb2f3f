import type { IsoDate } from '../dates/iso-date.js';
import { eventOccursOn, type EventSpec } from './events.js';
import type { HolidaySourceSpec } from './holiday-sources.js';
import { holidaySource } from './holidays.js';

/** A `calendar:` section as the (validated) config gives it. */
export interface CalendarSpec {
  readonly holidays?: readonly HolidaySourceSpec[] | undefined;
  readonly events?: readonly EventSpec[] | undefined;
}

/** The name of the known event on a date ("A / B" when several fall on it), if any. */
export type EventCalendar = (date: IsoDate) => string | undefined;

/** Between names of events on the same day. */
export const EVENT_NAME_SEPARATOR = ' / ';

/**
 * The calendar as a function of the date: holidays first (in config order, each source's
 * in date-holidays' order), then the events in config order; a name given twice on a day
 * is shown once. Pure and deterministic: holidays are expanded for the years asked for
 * (the date's and the year before, whose last holidays may run into it) and every answer
 * is cached, since the detector asks about the same baseline dates for every series.
 */
export function buildEventCalendar(spec: CalendarSpec): EventCalendar {
  const sources = (spec.holidays ?? []).map(holidaySource);
  const events = spec.events ?? [];
  const answers = new Map<IsoDate, string | undefined>();
  return (date) => {
    if (answers.has(date)) return answers.get(date);
    const names: string[] = [];
    const add = (name: string): void => {
      if (!names.includes(name)) names.push(name);
    };
    const year = Number(date.slice(0, 4));
    for (const source of sources) {
      for (const y of [year - 1, year]) for (const name of source.holidaysOf(y).get(date) ?? []) add(name);
    }
    for (const event of events) if (eventOccursOn(event, date)) add(event.name);
    const answer = names.length === 0 ? undefined : names.join(EVENT_NAME_SEPARATOR);
    answers.set(date, answer);
    return answer;
  };
}
