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
 * Summary and, with labels, the scores. Only events of this domain (or of none) with a
 * window day inside the range are scored: an event the replay could not see is not missed.
 */
export function backtestResult(backtest: DomainBacktest, labels: Labels | null): BacktestResult {
  const summary = summarizeBacktest(backtest);
  if (labels === null) return { backtest, summary, labels: null };
  const events = labels.events.filter(
    (e) => (e.domain === null || e.domain === backtest.domain.name) && e.windowDates.some((d) => d >= backtest.from && d <= backtest.to),
  );
  const rows = scoreLevels({ ...backtestFlags(backtest), events });
  return { backtest, summary, labels: { source: labels.source, events: events.length, rows } };
}
