import type { DomainBacktest } from '../backtest/backtest-domain.js';
import { eventCovers, type Flag, type LabelEvent } from '../labels/label-events.js';

/** What label scoring needs of an alert. */
export type FlagRef = Pick<Flag, 'domain' | 'series' | 'group' | 'metric' | 'date'>;

/** Every alert the detector raised over the range, at any severity (what a person could page on). */
export function detectedFlags(backtest: DomainBacktest): FlagRef[] {
  return backtest.days.flatMap((d) => d.report.alerts);
}

/** The events at least one flag falls on: found, by the window rule of `monitor backtest`. */
export function foundEvents(flags: readonly FlagRef[], events: readonly LabelEvent[]): Set<LabelEvent> {
  return new Set(events.filter((event) => flags.some((flag) => eventCovers(event, flag))));
}

/** Names of the events found in `before` and not in `after`, in label order. */
export function lostEvents(before: ReadonlySet<LabelEvent>, after: ReadonlySet<LabelEvent>): string[] {
  return [...before].filter((e) => !after.has(e)).map((e) => e.name);
}
