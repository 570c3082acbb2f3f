import type { LabelEvent } from '../labels/label-events.js';
import { scoreLevels } from '../labels/score-labels.js';
import type { DomainBacktest } from './backtest-domain.js';
import type { BacktestResult } from './render-backtest.js';
import { backtestFlags, summarizeBacktest } from './summarize.js';

export interface Labels {
  /** Where they came from, for the report: a file, or the generator's ground truth. */
  readonly source: string;
  readonly events: readonly LabelEvent[];
}

/**
 * The events a replay could have seen: of this domain (or of none) with a window day in
 * the range. An event the replay could not see is not missed (backtest and calibrate).
 */
export function eventsInRange(events: readonly LabelEvent[], backtest: Pick<DomainBacktest, 'domain' | 'from' | 'to'>): LabelEvent[] {
  return events.filter((e) => (e.domain === null || e.domain === backtest.domain.name) && e.windowDates.some((d) => d >= backtest.from && d <= backtest.to));
}

/** Summary and, with labels, the scores of the events in range. */
export function backtestResult(backtest: DomainBacktest, labels: Labels | null): BacktestResult {
  const summary = summarizeBacktest(backtest);
  if (labels === null) return { backtest, summary, labels: null };
  const events = eventsInRange(labels.events, backtest);
  const rows = scoreLevels({ ...backtestFlags(backtest), events });
  return { backtest, summary, labels: { source: labels.source, events: events.length, rows } };
}
