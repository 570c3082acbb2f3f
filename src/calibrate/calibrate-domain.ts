import { replayRange, type DomainBacktest } from '../backtest/backtest-domain.js';
import type { Config } from '../config/schema.js';
import type { IsoDate } from '../dates/iso-date.js';
import { isLabelled, type LabelEvent } from '../labels/label-events.js';
import type { DirectionRule, MinChangeGate, Thresholds } from '../stats/types.js';
import { keyId, probedDays, probeOverlay, scoredKeys, type KeyScores } from './day-scores.js';
import { eventsInRange } from '../backtest/backtest-result.js';
import { detectedFlags, foundEvents, lostEvents, type FlagRef } from './labelled-events.js';
import { applyOverlay, buildOverlay, domainPlacement, type Overlay, type OverlayPlacement } from './overlay.js';
import { robustCv } from './robust-cv.js';
import { alertDays, allowedAlerts, type DayScore } from './search.js';
import { suggest, type Proposal, type Suggestion, type TrialCost } from './suggest.js';

export interface CalibrationInput {
  readonly config: Config;
  /** The range replayed at `config`. */
  readonly current: DomainBacktest;
  /** The same data and range replayed at another config: replayOf(current) for a domain's query, or a CSV's. */
  readonly replay: (config: Config) => DomainBacktest;
  /** Labelled events; days they cover are not held to the budget. [] = every day is clean. */
  readonly events: readonly LabelEvent[];
  /** Clean-day alerts allowed per series × metric per 30 clean days. */
  readonly budget: number;
  /** Where suggestions go in a config; default: the domain's series × metric level. */
  readonly placement?: OverlayPlacement;
}

export interface CalibrationRow {
  readonly series: string;
  readonly seriesLabel: string;
  readonly group: string | null;
  readonly metric: string;
  readonly metricLabel: string;
  readonly robustCv: number | null;
  readonly scoredDays: number;
  readonly cleanDays: number;
  /** ⌊budget · cleanDays / 30⌋: clean alerts allowed over the range. */
  readonly allowed: number;
  readonly current: { readonly thresholds: Thresholds; readonly minChange: MinChangeGate; readonly direction: DirectionRule };
  /** At the current settings: every alert per 30 scored days, and clean ones per 30 clean days (the budget's rate). */
  readonly now: { readonly alertsPer30: number | null; readonly cleanAlerts: number; readonly per30: number | null; readonly labelledAlerts: number };
  /** Null when the key is within budget: nothing to suggest. */
  readonly threshold: Suggestion['threshold'];
  readonly gate: Suggestion['gate'];
  readonly chosen: Suggestion['chosen'];
  /** Replayed with the whole overlay applied (the key's own suggestion only if it is written). */
  readonly after: { readonly cleanAlerts: number; readonly per30: number | null };
  /** The chosen suggestion reached the budget when replayed, so the overlay carries it. */
  readonly written: boolean;
}

export interface DomainCalibration {
  readonly domain: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: number;
  readonly budget: number;
  readonly rows: readonly CalibrationRow[];
  readonly overlay: Overlay;
  /** Where each key's settings sit in the overlay. */
  readonly placement: OverlayPlacement;
  readonly overBudgetBefore: number;
  /** Replayed with the overlay. */
  readonly overBudgetAfter: number;
  readonly events: number;
  readonly eventsFoundNow: readonly string[];
  /** Found now and not in the replay with the whole overlay (keys together may lose what none loses alone). */
  readonly eventsLostByOverlay: readonly string[];
}

/** The usual replay source: the backtest's own rows, any config. */
export function replayOf(backtest: DomainBacktest): (config: Config) => DomainBacktest {
  return (config) => replayRange({ domain: backtest.domain, config, from: backtest.from, to: backtest.to }, backtest.data);
}

/**
 * For every series × metric over budget, the smallest raised threshold and the smallest
 * raised gate that bring its clean-day alerts within budget (src/calibrate/search.ts),
 * one of them chosen (src/calibrate/suggest.ts), all chosen ones replayed together
 * through the normal path, and only those that reach the budget in that replay kept in
 * the overlay.
 */
export function calibrateDomain(input: CalibrationInput): DomainCalibration {
  const { current, config, budget } = input;
  const domain = current.domain;
  const placement = input.placement ?? domainPlacement(domain.name);
  const events = eventsInRange(input.events, current);
  const keys = scoredKeys(config, current, events);
  const flagsNow = detectedFlags(current);
  const foundNow = foundEvents(flagsNow, events);
  const countsNow = alertCounts(current, events);
  const allowedFor = (key: KeyScores): number => allowedAlerts(budget, key.cleanDays);
  // Only keys over budget are searched, so only they are probed: a probe makes every day
  // of a key an alert, and a replay of hundreds of such keys is most of the run's time.
  const searched = keys.filter((k) => cleanCount(countsNow, k) > allowedFor(k) && placement.canName(k.series));
  const probe = searched.length === 0 ? new Map<string, DayScore[]>() : probedDays(input.replay(applyOverlay(config, probeOverlay(placement, searched))), searched, events);
  const daysOf = (key: KeyScores): readonly DayScore[] => probe.get(keyId(key)) ?? [];

  const costOf = (key: KeyScores): TrialCost => (trial) => {
    const others = flagsNow.filter((f) => f.series !== key.series || f.metric !== key.metric);
    const alerting = alertDays(daysOf(key), trial);
    const mine = alerting.map((d): FlagRef => ({ domain: domain.name, series: key.series, group: key.group, metric: key.metric, date: d.date }));
    const labelledNow = alertDays(daysOf(key), { notice: key.settings.thresholds.notice, minChange: key.settings.minChange }).filter((d) => !d.clean);
    return {
      eventsLost: lostEvents(foundNow, foundEvents([...others, ...mine], events)),
      labelledSilenced: labelledNow.filter((d) => !alerting.includes(d)).length,
    };
  };
  const drafts = keys.map((key) => {
    const allowed = allowedFor(key);
    if (placement.canName(key.series)) return { key, allowed, ...suggest(daysOf(key), key.settings, allowed, key.cleanDays, costOf(key)) };
    const unreachable = cleanCount(countsNow, key) > allowed ? { kind: 'unreachable' as const, reason: `a config cannot name this series (${placement.namingRule})` } : null;
    return { key, allowed, threshold: unreachable, gate: unreachable, chosen: null };
  });

  // Keys are scored independently, so one replay checks every suggestion at once; a
  // suggestion that misses the budget there (it should not: the search is exact) is
  // dropped, and the rest replayed again so the figures are those of what is written.
  const overlayOf = (rows: typeof drafts): Overlay =>
    buildOverlay(placement, rows.map(({ key, chosen, threshold, gate }) => ({
      series: key.series,
      metric: key.metric,
      overrides: chosen === 'threshold' ? { thresholds: (threshold as Proposal<Thresholds>).value } : { minChange: (gate as Proposal<MinChangeGate>).value },
    })));
  const replayWith = (rows: typeof drafts): DomainBacktest => (rows.length === 0 ? current : input.replay(applyOverlay(config, overlayOf(rows))));
  let written = drafts.filter((d) => d.chosen !== null);
  let replayed = replayWith(written);
  let countsAfter = alertCounts(replayed, events);
  const missed = written.filter((d) => cleanCount(countsAfter, d.key) > d.allowed);
  if (missed.length > 0) {
    written = written.filter((d) => !missed.includes(d));
    replayed = replayWith(written);
    countsAfter = alertCounts(replayed, events);
  }

  const rows = drafts.map(({ key, allowed, threshold, gate, chosen }): CalibrationRow => {
    const now = countsNow.get(keyId(key)) ?? { clean: 0, labelled: 0 };
    const after = cleanCount(countsAfter, key);
    return {
      series: key.series,
      seriesLabel: key.seriesLabel,
      group: key.group,
      metric: key.metric,
      metricLabel: key.metricLabel,
      robustCv: robustCv(key.values),
      scoredDays: key.scoredDays,
      cleanDays: key.cleanDays,
      allowed,
      current: { thresholds: key.settings.thresholds, minChange: key.settings.minChange, direction: key.settings.direction },
      now: { alertsPer30: per30(now.clean + now.labelled, key.scoredDays), cleanAlerts: now.clean, per30: per30(now.clean, key.cleanDays), labelledAlerts: now.labelled },
      threshold,
      gate,
      chosen,
      after: { cleanAlerts: after, per30: per30(after, key.cleanDays) },
      written: written.some((d) => d.key === key),
    };
  });
  return {
    domain: domain.name,
    from: current.from,
    to: current.to,
    days: current.days.length,
    budget,
    rows,
    overlay: overlayOf(written),
    placement,
    overBudgetBefore: rows.filter((r) => r.now.cleanAlerts > r.allowed).length,
    overBudgetAfter: rows.filter((r) => r.after.cleanAlerts > r.allowed).length,
    events: events.length,
    eventsFoundNow: [...foundNow].map((e) => e.name),
    eventsLostByOverlay: lostEvents(foundNow, foundEvents(detectedFlags(replayed), events)),
  };
}

/** Alerts raised per series × metric over the range: on clean days and on labelled ones. */
function alertCounts(backtest: DomainBacktest, events: readonly LabelEvent[]): Map<string, { clean: number; labelled: number }> {
  const counts = new Map<string, { clean: number; labelled: number }>();
  for (const alert of detectedFlags(backtest)) {
    const id = keyId(alert);
    const count = counts.get(id) ?? { clean: 0, labelled: 0 };
    counts.set(id, count);
    if (isLabelled(events, alert)) count.labelled += 1;
    else count.clean += 1;
  }
  return counts;
}

function cleanCount(counts: ReadonlyMap<string, { clean: number }>, key: { readonly series: string; readonly metric: string }): number {
  return counts.get(keyId(key))?.clean ?? 0;
}

/** Alerts per 30 clean days; null when no day was clean. */
function per30(count: number, days: number): number | null {
  return days === 0 ? null : (count * 30) / days;
}
