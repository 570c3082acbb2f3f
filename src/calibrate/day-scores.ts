import type { Alert } from '../alerts/alert.js';
import type { DomainBacktest } from '../backtest/backtest-domain.js';
import { resolveDetectorSettings } from '../config/resolve-detector.js';
import type { Config, DetectorOverrides } from '../config/schema.js';
import type { IsoDate } from '../dates/iso-date.js';
import { isLabelled, type LabelEvent } from '../labels/label-events.js';
import { compareSeriesMetric, metricLabel, seriesLabel } from '../run/detect-domain.js';
import type { DetectorSettings } from '../stats/types.js';
import { buildOverlay, type Overlay, type OverlayPlacement } from './overlay.js';
import type { DayScore } from './search.js';

/** One series × metric over the calibrated range, as the search needs it. */
export interface KeyScores {
  readonly series: string;
  readonly seriesLabel: string;
  readonly group: string | null;
  readonly metric: string;
  readonly metricLabel: string;
  /** As configured now (resolved through every level). */
  readonly settings: DetectorSettings;
  readonly scoredDays: number;
  /** Scored days no labelled event covers: the budget's denominator. */
  readonly cleanDays: number;
  /** The daily values inside the range, for the robust CV. */
  readonly values: readonly number[];
}

export type KeyRef = Pick<KeyScores, 'series' | 'metric'>;

export const keyId = (key: KeyRef): string => JSON.stringify([key.series, key.metric]);

/** Every series × metric scored at least once in the range, in report order. */
export function scoredKeys(config: Config, current: DomainBacktest, events: readonly LabelEvent[]): KeyScores[] {
  const { domain, data } = current;
  const counts = new Map<string, { series: string; metric: string; scored: number; clean: number }>();
  for (const day of current.days) {
    for (const { series, metric } of day.scored) {
      const id = keyId({ series, metric });
      const count = counts.get(id) ?? { series, metric, scored: 0, clean: 0 };
      counts.set(id, count);
      count.scored += 1;
      if (!isLabelled(events, { domain: domain.name, series, group: data.groups.get(series) ?? null, metric, date: day.report.date })) count.clean += 1;
    }
  }
  return [...counts.values()]
    .sort(compareSeriesMetric(domain))
    .map((k): KeyScores => ({
      series: k.series,
      seriesLabel: seriesLabel(domain, k.series),
      group: data.groups.get(k.series) ?? null,
      metric: k.metric,
      metricLabel: metricLabel(domain, k.metric),
      settings: resolveDetectorSettings(config, domain.name, k.series, k.metric),
      scoredDays: k.scored,
      cleanDays: k.clean,
      values: valuesInRange(data.series.get(k.series)?.get(k.metric), current.from, current.to),
    }));
}

function valuesInRange(values: ReadonlyMap<IsoDate, number> | undefined, from: IsoDate, to: IsoDate): number[] {
  return [...(values ?? new Map<IsoDate, number>())].filter(([date]) => date >= from && date <= to).map(([, value]) => value);
}

/**
 * Thresholds just above 0 and gates of 0: a replay with them reports every scored day
 * that the direction and weekday rules let through, with its z and change. (The schema
 * wants thresholds > 0; a |z| ≤ 1e-9 could never pass a real threshold anyway.)
 */
const PROBE: DetectorOverrides = { thresholds: { notice: 1e-9, warning: 2e-9, critical: 3e-9 }, minChange: { up: 0, down: 0 } };

/** The probe settings for the keys to search; every other key replays as configured. */
export function probeOverlay(placement: OverlayPlacement, keys: readonly KeyRef[]): Overlay {
  return buildOverlay(placement, keys.map((k) => ({ series: k.series, metric: k.metric, overrides: PROBE })));
}

/**
 * The probed keys' days, from a replay of the same data and range with probeOverlay.
 * Replaying rather than calling evaluateDay on the whole series keeps each day exactly as
 * its daily run scored it, including the daily window's own start for a series that was
 * idle when the window began (src/backtest/daily-window.ts).
 */
export function probedDays(probe: DomainBacktest, keys: readonly KeyScores[], events: readonly LabelEvent[]): Map<string, DayScore[]> {
  const byId = new Map(keys.map((k) => [keyId(k), k]));
  const days = new Map<string, DayScore[]>(keys.map((k) => [keyId(k), []]));
  for (const { report } of probe.days) {
    for (const alert of report.alerts) {
      const key = byId.get(keyId(alert));
      if (key === undefined) continue;
      days.get(keyId(key))?.push({
        date: alert.date,
        absZ: Math.abs(alert.z),
        pctChange: alert.pctChange,
        direction: alert.direction,
        byRule: droppedToZero(alert, key.settings),
        clean: !isLabelled(events, alert),
      });
    }
  }
  return days;
}

/**
 * The probe's thresholds make every |z| > 0 a CRITICAL, so the rule never shows in its
 * alerts; this is evaluateDay's own test of the configured rule (src/stats/evaluate.ts).
 */
function droppedToZero(alert: Alert, settings: DetectorSettings): boolean {
  const rule = settings.dropToZero;
  return rule !== undefined && alert.value === 0 && alert.baseline.values.length > 0 && alert.mean >= rule.minBaselineMean;
}
