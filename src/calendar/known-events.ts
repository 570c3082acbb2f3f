import type { Config, KnownEventPolicy } from '../config/schema.js';
import type { IsoDate } from '../dates/iso-date.js';
import type { KnownEvent, KnownEventLookup } from '../stats/types.js';
import { buildEventCalendar, type CalendarSpec, type EventCalendar } from './calendar.js';

/** One calendar per config's `calendar:` object, and its two lookups (annotate, hold). */
interface CachedCalendar {
  readonly calendar: EventCalendar;
  readonly lookups: Map<boolean, KnownEventLookup>;
}
const cache = new WeakMap<CalendarSpec, CachedCalendar>();

/**
 * The stats core's view of the config's calendar under a policy: the event on a date with
 * `hold` set by the policy. Undefined when the config has no calendar (or an empty one) or
 * the policy is 'off', so the detector behaves exactly as without the feature. The
 * calendar is built once per config and shared by every series × metric.
 */
export function knownEventLookup(config: Pick<Config, 'calendar'>, policy: KnownEventPolicy): KnownEventLookup | undefined {
  const spec = config.calendar;
  if (spec === undefined || policy === 'off') return undefined;
  if ((spec.holidays ?? []).length === 0 && (spec.events ?? []).length === 0) return undefined;
  let cached = cache.get(spec);
  if (cached === undefined) {
    cached = { calendar: buildEventCalendar(spec), lookups: new Map() };
    cache.set(spec, cached);
  }
  const hold = policy === 'hold';
  let lookup = cached.lookups.get(hold);
  if (lookup === undefined) {
    lookup = withPolicy(cached.calendar, hold);
    cached.lookups.set(hold, lookup);
  }
  return lookup;
}

/** The calendar's names as KnownEvents, one object per date (the core may compare them). */
export function withPolicy(calendar: EventCalendar, hold: boolean): KnownEventLookup {
  const events = new Map<IsoDate, KnownEvent | undefined>();
  return (date) => {
    if (events.has(date)) return events.get(date);
    const name = calendar(date);
    const event = name === undefined ? undefined : { name, hold };
    events.set(date, event);
    return event;
  };
}
