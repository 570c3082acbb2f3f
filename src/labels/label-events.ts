import type { IsoDate } from '../dates/iso-date.js';
import type { Severity } from '../stats/types.js';

/**
 * One labelled anomaly: the days on which a flag counts as finding it. `point_dates` (when
 * known) say where the event itself sits; the window around it is what is scored, as in NAB.
 * Each optional key narrows the event to flags of that domain, series, metric or group;
 * absent means any. A label file for one series needs none of them.
 */
export interface LabelEvent {
  /** Shown in reports: the cause when the file has one, else "event <n> (<first window date>)". */
  readonly name: string;
  readonly windowDates: readonly IsoDate[];
  readonly pointDates: readonly IsoDate[];
  readonly domain: string | null;
  /** Any of these series (a knock-on series moved by the same event is listed too). */
  readonly series: readonly string[] | null;
  readonly metric: string | null;
  /** Any series of this group (e.g. every contract org), for events that move a whole group. */
  readonly group: string | null;
}

/** One alert as label scoring sees it. */
export interface Flag {
  readonly domain: string;
  readonly series: string;
  readonly group: string | null;
  readonly metric: string;
  readonly date: IsoDate;
  readonly severity: Severity;
}

/** Whether the flag falls in the event's window and on something the event moved. */
export function eventCovers(event: LabelEvent, flag: Pick<Flag, 'domain' | 'series' | 'group' | 'metric' | 'date'>): boolean {
  if (!event.windowDates.includes(flag.date)) return false;
  if (event.domain !== null && event.domain !== flag.domain) return false;
  if (event.metric !== null && event.metric !== flag.metric) return false;
  if (event.series !== null && !event.series.includes(flag.series) && !(event.group !== null && event.group === flag.group)) return false;
  if (event.series === null && event.group !== null && event.group !== flag.group) return false;
  return true;
}

/** Whether any event labels this series-day (calibration keeps such days out of its budget). */
export function isLabelled(events: readonly LabelEvent[], day: Pick<Flag, 'domain' | 'series' | 'group' | 'metric' | 'date'>): boolean {
  return events.some((event) => eventCovers(event, day));
}
