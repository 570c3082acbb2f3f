import { addDays, isoWeekday, type IsoDate } from '../dates/iso-date.js';

/**
 * The generated days, indexed 0 … days−1 (the last index is `end`). Generators work
 * on day indexes and typed arrays; this is the one place that knows the dates, and the
 * writer turns an index back into a date in SQL (first date + index).
 */
export class DemoCalendar {
  readonly dates: readonly IsoDate[];
  /** ISO weekday per day index: 1 = Monday … 7 = Sunday. */
  readonly weekdays: Uint8Array;

  constructor(readonly end: IsoDate, readonly days: number) {
    const dates: IsoDate[] = [];
    for (let offset = days - 1; offset >= 0; offset--) dates.push(addDays(end, -offset));
    this.dates = dates;
    this.weekdays = Uint8Array.from(dates, (date) => isoWeekday(date));
  }

  get start(): IsoDate {
    return this.date(0);
  }

  get lastIndex(): number {
    return this.days - 1;
  }

  date(index: number): IsoDate {
    const date = this.dates[index];
    if (date === undefined) throw new RangeError(`day index ${index} outside 0…${this.days - 1}`);
    return date;
  }

  weekday(index: number): number {
    return this.weekdays[index] ?? 0;
  }

  isWeekend(index: number): boolean {
    return this.weekday(index) >= 6;
  }
}
