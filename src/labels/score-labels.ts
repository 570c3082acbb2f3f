import { daysBetween } from '../dates/iso-date.js';
import { severityRank } from '../stats/severity.js';
import type { Severity } from '../stats/types.js';
import { eventCovers, type Flag, type LabelEvent } from './label-events.js';

/** How one set of flags fares against the labels. Ratios are null when undefined (0/0). */
export interface LabelScore {
  readonly events: number;
  readonly eventsFound: number;
  readonly flags: number;
  /** Flags inside no event's window (on something the event moved). */
  readonly falseAlerts: number;
  readonly scoredDays: number;
  readonly falseAlertsPer100Days: number | null;
  /** Flags inside a window / flags. */
  readonly precision: number | null;
  /** Events with at least one flag / events. */
  readonly recall: number | null;
  readonly f1: number | null;
  /** Mean over found events of (first flag − first window date), in days. */
  readonly meanDelayDays: number | null;
  readonly perEvent: readonly EventOutcome[];
}

export interface EventOutcome {
  readonly name: string;
  readonly firstFlag: Flag | null;
  readonly delayDays: number | null;
}

/**
 * Scores flags against labelled events, NAB's window rule without point adjustment: every
 * flag counts once, as a hit (inside a window) or a false alert; an event is found by any
 * flag in its window, and a long event found on one day is one found event, not a window's
 * worth of hits. `scoredDays` is the denominator of the false-alert rate: series-days that
 * were scored (a day with insufficient history or no data cannot raise a false alert).
 */
export function scoreFlags(flags: readonly Flag[], events: readonly LabelEvent[], scoredDays: number): LabelScore {
  const inWindow = flags.filter((flag) => events.some((event) => eventCovers(event, flag)));
  const perEvent = events.map((event): EventOutcome => {
    const hits = flags.filter((flag) => eventCovers(event, flag)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const first = hits[0] ?? null;
    const start = event.windowDates[0];
    return { name: event.name, firstFlag: first, delayDays: first === null || start === undefined ? null : daysBetween(start, first.date) };
  });
  const found = perEvent.filter((e) => e.firstFlag !== null);
  const precision = flags.length === 0 ? null : inWindow.length / flags.length;
  const recall = events.length === 0 ? null : found.length / events.length;
  const delays = found.map((e) => e.delayDays ?? 0);
  return {
    events: events.length,
    eventsFound: found.length,
    flags: flags.length,
    falseAlerts: flags.length - inWindow.length,
    scoredDays,
    falseAlertsPer100Days: scoredDays === 0 ? null : ((flags.length - inWindow.length) / scoredDays) * 100,
    precision,
    recall,
    f1: precision === null || recall === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall),
    meanDelayDays: delays.length === 0 ? null : delays.reduce((sum, d) => sum + d, 0) / delays.length,
    perEvent,
  };
}

export type ScoreLevel = 'sent' | Severity;

/** A row per level users choose between: what the config sends, then ≥NOTICE, ≥WARNING, CRITICAL. */
export interface LabelScoreRow {
  readonly level: ScoreLevel;
  readonly score: LabelScore;
}

/**
 * `detected`: every alert the detector raised, at its own severity; `sent`: what the
 * daily run would post (after escalation and inhibition). Users page on a minimum
 * severity, so each is scored on its own.
 */
export function scoreLevels(input: { readonly detected: readonly Flag[]; readonly sent: readonly Flag[]; readonly events: readonly LabelEvent[]; readonly scoredDays: number }): LabelScoreRow[] {
  const atLeast = (min: Severity): Flag[] => input.detected.filter((flag) => severityRank(flag.severity) >= severityRank(min));
  return [
    { level: 'sent', score: scoreFlags(input.sent, input.events, input.scoredDays) },
    ...(['NOTICE', 'WARNING', 'CRITICAL'] as const).map((level) => ({ level, score: scoreFlags(atLeast(level), input.events, input.scoredDays) })),
  ];
}
