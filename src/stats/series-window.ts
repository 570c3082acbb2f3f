import { addDays, daysBetween, epochDay, type IsoDate } from '../dates/iso-date.js';
import { lookbackDays } from './detector-method.js';
import { assertUsableValue } from './metric-value.js';
import type { DailyValues, DetectorSettings, KnownEvent } from './types.js';

/**
 * A series as the model reads it: a dense array of days (NaN = no data) from `start`, with
 * the known event of each day. Every quantity of a day reads at most lookbackDays before
 * it, so a window of that many days before the first target gives exactly the results a
 * longer history would: a daily run and a year-long backtest agree.
 */
export interface SeriesWindow {
  readonly start: IsoDate;
  readonly values: Float64Array;
  /**
   * The map's own key for each day with a value: a report names its days with these
   * rather than formatting a new string per day (at 52 weeks an alert's baseline names 52).
   */
  readonly dates: readonly (IsoDate | undefined)[];
  /** The known event on each index, or null when the settings have no calendar. */
  readonly events: readonly (KnownEvent | undefined)[] | null;
}

/** The days from lookbackDays before `first` to `last`, read once from the map and the calendar. */
export function seriesWindow(values: DailyValues, first: IsoDate, last: IsoDate, settings: DetectorSettings): SeriesWindow {
  const start = addDays(first, -lookbackDays(settings.weeks));
  const size = daysBetween(start, last) + 1;
  const dense = new Float64Array(size).fill(Number.NaN);
  // One pass over the map, placing each value by its day number: building a date string
  // per window day cost more than scoring it.
  // forEach rather than for…of: no [date, value] pair per entry. Dates outside the window
  // are skipped by their day number (parsing a date costs less than comparing two strings).
  const origin = epochDay(start);
  const dates = new Array<IsoDate | undefined>(size);
  values.forEach((value, date) => {
    const index = epochDay(date) - origin;
    if (!(index >= 0 && index < size)) return;
    assertUsableValue(value, date);
    dense[index] = value;
    dates[index] = date;
  });
  const lookup = settings.knownEvents;
  let events: (KnownEvent | undefined)[] | null = null;
  if (lookup !== undefined) {
    events = [];
    for (let i = 0, date = start; i < size; i++, date = addDays(date, 1)) events.push(lookup(date));
  }
  return { start, values: dense, dates, events };
}
