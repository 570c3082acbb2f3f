import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { replayRange } from '../../src/backtest/backtest-domain.js';
import { calibrateDomain, replayOf, type DomainCalibration } from '../../src/calibrate/calibrate-domain.js';
import { keyComment, renderOverlayYaml } from '../../src/calibrate/overlay-yaml.js';
import { renderCalibrationText } from '../../src/calibrate/render-calibration.js';
import { loadConfig } from '../../src/config/load.js';
import { addDays, dateRange, isoDate, isoWeekday, type IsoDate } from '../../src/dates/iso-date.js';
import { buildDomainSeries } from '../../src/domains/daily-series.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import type { DomainDefinition } from '../../src/domains/types.js';
import type { LabelEvent } from '../../src/labels/label-events.js';

/** One series, one count metric, no SQL: only what replayRange reads. */
const SYNTHETIC: DomainDefinition = {
  name: 'synthetic',
  title: 'Synthetic',
  sqlFile: 'none.sql',
  seriesColumn: 'series',
  knownSeries: [{ key: 's', label: 'S' }],
  seriesFromData: false,
  metrics: [{ name: 'x', label: 'X', kind: 'count' }],
  qualityChecks: [],
  drillDown: { sqlFile: 'none.sql', dimensions: () => [], combine: { x: 'sum' } },
  lagDays: 1,
  queryParams: () => ({}),
};

const END = isoDate('2026-03-31');
const FROM = addDays(END, -59); // 60 days, every one with a full 10-week baseline
const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });

/**
 * 140 days of 100 a day. A flat baseline has σ 0, floored to 2 % of μ = 2, so a spike of
 * v scores z = (v − 100) / 2 and changes (v − 100) %. Spikes sit on different weekdays, so
 * none is in another's baseline (every range date's baseline is the 10 weeks before it).
 */
function calibrate(spikes: Record<string, number>, labelled: IsoDate, noisyWeekday?: number): DomainCalibration {
  expect(new Set(Object.keys(spikes).map((d) => isoWeekday(isoDate(d)))).size).toBe(Object.keys(spikes).length);
  const rows = dateRange(addDays(END, -139), END).map((dt, i) => {
    // A weekday alternating 95 / 105: μ 100, sample σ 5.27, so a 20 % rise there is only z 3.8.
    const base = isoWeekday(dt) === noisyWeekday ? (Math.floor(i / 7) % 2 === 0 ? 95 : 105) : 100;
    return { dt, series: 's', x: spikes[dt] ?? base };
  });
  const data = buildDomainSeries(SYNTHETIC, rows);
  const current = replayRange({ domain: SYNTHETIC, config, from: FROM, to: END }, data);
  const events: LabelEvent[] = [{ name: 'incident', windowDates: [labelled], pointDates: [labelled], domain: null, series: null, metric: null, group: null }];
  return calibrateDomain({ config, current, replay: replayOf(current), events, budget: 1 });
}

/** calibrate() for rows given day by day (i: the day's index from the first date). */
function calibrateRows(value: (dt: IsoDate, i: number) => number, labelled: IsoDate): DomainCalibration {
  const data = buildDomainSeries(SYNTHETIC, dateRange(addDays(END, -139), END).map((dt, i) => ({ dt, series: 's', x: value(dt, i) })));
  const current = replayRange({ domain: SYNTHETIC, config, from: FROM, to: END }, data);
  const events: LabelEvent[] = [{ name: 'incident', windowDates: [labelled], pointDates: [labelled], domain: null, series: null, metric: null, group: null }];
  return calibrateDomain({ config, current, replay: replayOf(current), events, budget: 1 });
}

// Clean spikes: z 2.5 (+5 %), 3 (+6 %), 4 (+8 %), 5.5 (+11 %), on Mon, Tue, Wed, Thu.
const CLEAN = { '2026-02-02': 105, '2026-02-10': 106, '2026-02-18': 108, '2026-02-26': 111 };

describe('calibrate on a synthetic series whose answer is known by hand', () => {
  // The labelled spike: Fri 2026-03-06, z 5 (+10 %).
  const calibration = calibrate({ ...CLEAN, '2026-03-06': 110 }, isoDate('2026-03-06'));
  const row = calibration.rows[0];
  if (row === undefined) throw new Error('no row');
  const dir = mkdtempSync(join(tmpdir(), 'monitor-calibrate-synthetic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts 60 scored days, 59 clean, so ⌊59 / 30⌋ = 1 clean alert is allowed; 4 alert now', () => {
    expect(row).toMatchObject({ series: 's', metric: 'x', scoredDays: 60, cleanDays: 59, allowed: 1, now: { cleanAlerts: 4, labelledAlerts: 1 } });
    expect(calibration.overBudgetBefore).toBe(1);
  });

  it('suggests notice 4, the 2nd largest clean |z|, with warning and critical shifted by 2', () => {
    expect(row.threshold).toMatchObject({ kind: 'proposal', value: { notice: 4, warning: 5, critical: 6.5 }, cleanAlerts: 1, eventsLost: [] });
  });

  it('suggests an up gate of 9 %: just above the 2nd largest clean rise (8 %); drops need none', () => {
    expect(row.gate).toMatchObject({ kind: 'proposal', value: { up: 0.09 }, cleanAlerts: 1, eventsLost: [] });
  });

  it('chooses the threshold on a tie, and the replay with it applied meets the budget', () => {
    expect(row.chosen).toBe('threshold');
    expect(row.written).toBe(true);
    expect(row.after).toEqual({ cleanAlerts: 1, per30: 30 / 59 });
    expect(calibration.overBudgetAfter).toBe(0);
    expect(calibration.eventsFoundNow).toEqual(['incident']);
    expect(calibration.eventsLostByOverlay).toEqual([]);
  });

  it('gives each written key its measured reason as a comment', () => {
    expect(keyComment(row)).toEqual([
      '4 clean alerts in 59 clean days (2.03/30d) at notice 2; 1 (0.51/30d) at notice 4 (replayed); loses no labelled event',
      'alternative: up gate 0.09 → 1 clean alert, loses no labelled event; daily robust CV 0.0 %',
    ]);
  });

  it('writes a commented overlay that loads with loadConfig and changes exactly that key', () => {
    const path = join(dir, 'overlay.yaml');
    writeFileSync(path, renderOverlayYaml(calibration, { commandLine: 'monitor calibrate synthetic', source: 'test rows', labels: 'one incident' }));
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('            # 4 clean alerts in 59 clean days (2.03/30d) at notice 2;');
    expect(text).toContain('thresholds: { notice: 4, warning: 5, critical: 6.5 }');
    const { config: loaded } = loadConfig({ path, knownDomains: [...DOMAIN_NAMES, 'synthetic'] });
    expect(loaded.domains['synthetic']).toEqual({ series: { s: { metrics: { x: { thresholds: { notice: 4, warning: 5, critical: 6.5 } } } } } });
    const key = parseDocument(text).getIn(['domains', 'synthetic', 'series', 's', 'metrics', 'x'], true);
    expect(JSON.stringify(key)).not.toContain('minChange');
  });

  it('prints one row per series × metric with both alternatives', () => {
    const text = renderCalibrationText(calibration, { source: 'test rows', labels: 'one incident', written: null });
    // 5 alerts in 60 scored days is 2.50 per 30; 4 of them on the 59 clean days, 2.03.
    expect(text).toMatch(/\ns\s+x\s+0\.0 %\s+60\s+2\.50\s+4 !\s+2\.03\s+notice 4 → 1\s+up 0\.09 → 1\s+threshold\s+0\.51\s+–\n/);
    expect(text).toContain('over budget: 1 of 1 series × metrics now; 0 with the suggestions (replayed)');
  });
});

describe('when the threshold would lose a labelled event and the gate would not', () => {
  // From 2026-03-10 every day swings ±8 % week by week, so the pooled scale (the spread of
  // the last 10 weeks' prediction errors) widens and the labelled +15 % day (Sat 2026-03-28)
  // scores a modest z; the clean alerts (the spikes on the flat weeks, and the swings' first
  // days) need a notice above it, while a 9–10 % gate keeps it.
  const rows = (dt: IsoDate, i: number): number => {
    if (dt === '2026-03-28') return 115;
    const spike = (CLEAN as Record<string, number>)[dt];
    if (spike !== undefined) return spike;
    return dt >= '2026-03-10' ? (Math.floor(i / 7) % 2 === 0 ? 92 : 108) : 100;
  };
  const calibration = calibrateRows(rows, isoDate('2026-03-28'));
  const row = calibration.rows[0];

  it('reports what the threshold would lose, and writes the gate', () => {
    expect(row?.threshold).toMatchObject({ eventsLost: ['incident'] });
    expect(row?.gate).toMatchObject({ eventsLost: [] });
    expect(row?.chosen).toBe('gate');
    const gate = row?.gate?.kind === 'proposal' ? row.gate.value : undefined;
    expect(calibration.overlay).toEqual({ domains: { synthetic: { series: { s: { metrics: { x: { minChange: gate } } } } } } });
    expect(calibration.eventsLostByOverlay).toEqual([]);
  });

  it('says so in the comment', () => {
    if (row === undefined) throw new Error('no row');
    const [reason, alternative] = keyComment(row);
    expect(reason).toMatch(/^\d+ clean alerts in 59 clean days \([\d.]+\/30d\) with no up or down gate; 1 \(0\.51\/30d\) with up and down gates 0\.\d+ \(replayed\); loses no labelled event$/);
    expect(alternative).toMatch(/^alternative: notice [\d.]+ → \d+ clean alerts?, loses incident; daily robust CV \d+\.\d %$/);
  });
});
