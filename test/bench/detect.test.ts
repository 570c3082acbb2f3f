import { beforeAll, describe, expect, it } from 'vitest';
import {
  acceptanceRow,
  hardCasesFiles,
  hardCasesRows,
  nycTaxiDefaultRows,
  nycTaxiFiles,
  renderAcceptanceTable,
  renderMainTable,
  type HardCasesRows,
} from '../../bench/detect.js';
import { applyPeer, seriesKey } from '../../bench/peers/apply-peer.js';
import { elementaryZ } from '../../bench/peers/elementary.js';
import { fourteenDayZ, seedTeamZ } from '../../bench/peers/same-weekday.js';
import type { Peer } from '../../bench/peers/types.js';
import { addDays, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import type { Flag, LabelEvent } from '../../src/labels/label-events.js';
import { readLabelsFile } from '../../src/labels/read-labels.js';
import { renderLabelScores } from '../../src/labels/render-label-scores.js';
import { runCli, runCliAsync, type CliResult } from '../helpers/run-cli.js';

const TARGET = isoDate('2026-03-02');

/** A daily series: value per offset in days from TARGET. */
function series(byOffset: Readonly<Record<number, number>>): Map<IsoDate, number> {
  return new Map(Object.entries(byOffset).map(([offset, value]) => [addDays(TARGET, Number(offset)), value]));
}

/** Every day from −80 to −1 set to `noise`, so a peer reading a wrong day gives a wrong z. */
function noisyDays(noise: number): Record<number, number> {
  return Object.fromEntries(Array.from({ length: 80 }, (_, i) => [-(i + 1), noise]));
}

describe('bench:detect, the default detector on NYC taxi', () => {
  it('has the figures `monitor scan --csv … --labels …` prints, line by line', async () => {
    const files = nycTaxiFiles();
    const cli = runCli(['scan', '--csv', files.csv, '--labels', files.labels], {});
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const lines = cli.stdout.split('\n');
    const labelsAt = lines.findIndex((line) => line.startsWith('  Labels: '));
    expect(labelsAt).toBeGreaterThan(0);
    const expected = renderLabelScores(await nycTaxiDefaultRows());
    // header, sent, ≥NOTICE, ≥WARNING, CRITICAL (+ the missed line): a real table, not two empty lists
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(lines.slice(labelsAt + 1, labelsAt + 1 + expected.length)).toEqual(expected);
    expect(lines.slice(labelsAt + 1 + expected.length).every((line) => line === '')).toBe(true);
  });
});

/** The label table of a `monitor scan … --labels …` run, as lines, and whether nothing but blank lines follows it. */
function cliLabelLines(cli: CliResult, length: number): { readonly table: string[]; readonly restBlank: boolean } {
  const lines = cli.stdout.split('\n');
  const labelsAt = lines.findIndex((line) => line.startsWith('  Labels: '));
  expect(labelsAt).toBeGreaterThan(0);
  return { table: lines.slice(labelsAt + 1, labelsAt + 1 + length), restBlank: lines.slice(labelsAt + 1 + length).every((line) => line === '') };
}

describe('bench:detect, the hard cases', () => {
  const HW = 'robust Holt-Winters (Gelper et al. 2010), α 0.2 γ 0.1 λ 0.1';
  let hard: HardCasesRows;
  let cli: CliResult;

  // The default detector scores 12 series × 364 days twice (in process and in the CLI): give it room on a busy machine.
  beforeAll(async () => {
    const files = hardCasesFiles();
    [cli, hard] = await Promise.all([runCliAsync(['scan', '--csv', files.csv, '--series-col', 'series', '--labels', files.labels], {}), hardCasesRows()]);
  }, 600_000);

  it('has the figures `monitor scan --csv … --series-col series --labels …` prints, line by line', () => {
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const expected = renderLabelScores(hard.defaultLabels);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const { table, restBlank } = cliLabelLines(cli, expected.length);
    expect(table).toEqual(expected);
    expect(restBlank).toBe(true);
  });

  it('scores the default at its 4 levels and every peer, the robust Holt-Winters one included, on all events of the file', () => {
    const events = readLabelsFile(hardCasesFiles().labels).length;
    expect(events).toBeGreaterThanOrEqual(16);
    const detectors = hard.rows.map((r) => r.detector);
    expect(detectors.slice(0, 4)).toEqual(['default · sent', 'default · ≥NOTICE', 'default · ≥WARNING', 'default · CRITICAL']);
    expect(detectors).toContain(`${HW} · |z| > 2`);
    expect(detectors).toContain(`${HW} · |z| > 3`);
    expect(detectors).toContain('seed team: 10 same weekdays, no floor · |z| > 3');
    expect(hard.rows.every((r) => r.score.events === events && r.score.scoredDays > 0)).toBe(true);
    const table = renderMainTable([{ name: 'hard', rows: hard.rows }]).split('\n');
    expect(table[0]).toContain('hard found');
    expect(table).toHaveLength(2 + hard.rows.length);
  });

  it('holds the default sent set and each peer threshold against the acceptance targets', () => {
    expect(hard.acceptance.map((r) => r.detector)).toEqual(['default · sent', ...hard.rows.slice(4).map((r) => r.detector)]);
    const sent = hard.rows[0]?.score;
    expect(hard.acceptance[0]?.eventsFound).toBe(sent?.eventsFound);
    const table = renderAcceptanceTable(hard.acceptance).split('\n');
    expect(table[0]).toContain('recall (≥ 0.95)');
    expect(table[0]).toContain('repeat_incident_7w: z repeat/first (0.75–1.25)');
    expect(table).toHaveLength(2 + hard.acceptance.length);
    expect(table.some((line) => line.startsWith(`| ${HW} · \\|z\\| > 3 |`))).toBe(true);
  });
});

describe('acceptanceRow', () => {
  const day = (offset: number): IsoDate => addDays(TARGET, offset);
  const event = (series: string, point: number, window: number): LabelEvent => ({
    name: `${series} ${point}`,
    pointDates: [day(point)],
    windowDates: Array.from({ length: window }, (_, i) => day(point + i)),
    domain: null,
    series: [series],
    metric: null,
    group: null,
  });
  const flag = (series: string, offset: number): Flag => ({ domain: 'scan', series, group: null, metric: 'value', date: day(offset), severity: 'NOTICE' });
  const events = [
    event('level_shift_down', 10, 3),
    event('level_shift_up', 20, 3),
    event('repeat_incident_4w', 30, 2),
    event('repeat_incident_4w', 58, 2),
    event('repeat_incident_7w', 30, 2),
    event('repeat_incident_7w', 79, 2),
  ];
  const scored = (from: number, to: number): Set<IsoDate> => new Set(Array.from({ length: to - from + 1 }, (_, i) => day(from + i)));

  it('counts recall, the worst series per 30 clean days, flags after a shift window and the repeat z ratio', () => {
    const row = acceptanceRow({
      detector: 'x',
      // found: both shifts, the 4w pair; missed: the 7w pair. False: 2 after the down shift, 1 on "noisy".
      flags: [flag('level_shift_down', 11), flag('level_shift_down', 13), flag('level_shift_down', 40), flag('level_shift_up', 22), flag('repeat_incident_4w', 30), flag('repeat_incident_4w', 59), flag('noisy', 5)],
      scoredDates: new Map([
        ['level_shift_down', scored(1, 90)], // 87 clean days: 2 false → 0.69 per 30
        ['level_shift_up', scored(1, 90)],
        ['repeat_incident_4w', scored(1, 90)],
        ['repeat_incident_7w', scored(1, 90)],
        ['noisy', scored(1, 20)], // 20 clean days: 1 false → 1.5 per 30, the worst
      ]),
      events,
      z: (series, date) => (series === 'repeat_incident_4w' ? (date === day(30) ? -8 : -6) : series === 'repeat_incident_7w' && date === day(30) ? -5 : null),
    });
    expect([row.eventsFound, row.events, row.recall]).toEqual([4, 6, 4 / 6]);
    expect(row.worstSeries).toBe('noisy');
    expect(row.worstFalsePer30).toBeCloseTo(1.5, 10);
    expect(row.flagsAfterShift).toEqual({ level_shift_down: 2, level_shift_up: 0 });
    expect(row.repeat.repeat_incident_4w).toEqual({ first: -8, repeat: -6, ratio: 0.75 });
    expect(row.repeat.repeat_incident_7w).toEqual({ first: -5, repeat: null, ratio: null });
    const [header, , line] = renderAcceptanceTable([row]).split('\n');
    expect(header).toContain('series');
    expect(line).toBe('| x | 0.67 (4/6) ✗ | 1.50 ✗ noisy | 2 ✗ | 0 ✓ | 0.75 (−6.0/−8.0) ✓ | – (–/−5.0) |');
  });
});

describe('seed team peer: 10 same weekdays, sample σ', () => {
  // −7 … −70 alternate 96 / 104: μ 100, sample σ = √(10·16/9) = 4√10/3.
  const weeks = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [-7 * (i + 1), i % 2 === 0 ? 96 : 104]));

  it('reads only target − 7 … − 70', () => {
    const values = series({ ...noisyDays(1e6), ...weeks, 0: 120 });
    // z = 20 / (4√10/3) = 15/√10
    expect(seedTeamZ(values, TARGET)?.z).toBeCloseTo(15 / Math.sqrt(10), 10);
  });

  it('skips a missing same weekday instead of reading it as 0', () => {
    const { [-7]: _dropped96, [-14]: _dropped104, ...rest } = weeks;
    // 8 values, 4 × 96 and 4 × 104: μ 100, σ = √(8·16/7)
    expect(seedTeamZ(series({ ...rest, 0: 120 }), TARGET)?.z).toBeCloseTo(20 / Math.sqrt(128 / 7), 10);
  });

  it('needs 2 values, a value on the day and σ > 0', () => {
    expect(seedTeamZ(series({ [-7]: 96, 0: 120 }), TARGET)).toBeNull();
    expect(seedTeamZ(series(weeks), TARGET)).toBeNull();
    const flat = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [-7 * (i + 1), 50]));
    expect(seedTeamZ(series({ ...flat, 0: 50 }), TARGET)).toBeNull();
    expect(seedTeamZ(series({ ...flat, 0: 51 }), TARGET)).toBeNull();
  });
});

describe('14-day peer: the last 2 same weekdays', () => {
  it('reads target − 7 and − 14 only: 90 and 110 give σ = 20/√2', () => {
    const values = series({ ...noisyDays(1e6), [-7]: 90, [-14]: 110, 0: 130 });
    expect(fourteenDayZ(values, TARGET)?.z).toBeCloseTo(3 / Math.sqrt(2), 10);
  });

  it('calls a 1 % move 2σ when the two weeks happen to agree within 1 %', () => {
    const z = fourteenDayZ(series({ [-7]: 1000, [-14]: 1005, 0: 1010 }), TARGET)?.z ?? 0;
    // μ 1002.5, σ 5/√2 = 3.54: z = 7.5 / 3.54 = 2.12
    expect(z).toBeCloseTo(7.5 / (5 / Math.sqrt(2)), 10);
    expect(z).toBeGreaterThan(2);
  });
});

describe('Elementary-style peer: 14 days including the tested day', () => {
  // −13 … −1: six 99s, six 101s and one 100: μ 100, sample σ exactly 1.
  const flatWithNoise = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [-(i + 1), i === 12 ? 100 : i % 2 === 0 ? 99 : 101]));

  it('scores a +10σ spike (against the 13 days before it) at 3.27: the spike inflates its own σ', () => {
    const values = series({ ...noisyDays(1e6), ...flatWithNoise, 0: 110 });
    // 14 values: μ = 1410/14, Σ(x−μ)² = 112 − 14·(10/14)² = 104.857, σ = √(104.857/13) = 2.840
    const mean = 1410 / 14;
    const sd = Math.sqrt((112 - 100 / 14) / 13);
    const z = elementaryZ(values, TARGET)?.z ?? 0;
    expect(z).toBeCloseTo((110 - mean) / sd, 10);
    expect(z).toBeCloseTo(3.27, 2);
    expect(z).toBeLessThan(10 / 3);
  });

  it('never scores above (n − 1)/√n = 3.47, however large the spike', () => {
    const z = elementaryZ(series({ ...flatWithNoise, 0: 1e9 }), TARGET)?.z ?? 0;
    expect(z).toBeGreaterThan(3.47);
    expect(z).toBeLessThanOrEqual(13 / Math.sqrt(14));
  });

  it('gives 0 on a constant window (Elementary: stddev 0 → score 0) and null on a training set of 1', () => {
    const flat = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [-(i + 1), 7]));
    expect(elementaryZ(series({ ...flat, 0: 7 }), TARGET)).toEqual({ z: 0 });
    expect(elementaryZ(series({ 0: 7 }), TARGET)).toBeNull();
    expect(elementaryZ(series(flat), TARGET)).toBeNull();
  });
});

describe('applyPeer', () => {
  it('flags strictly above each threshold and counts a series-day once however many metrics it scored', () => {
    const peer: Peer = { name: 'fixed', score: (values, date) => ({ z: values.get(date) ?? 0 }), thresholds: [2, 3] };
    const dates = [TARGET, addDays(TARGET, 1)];
    const base = { domain: 'd', series: 's', group: null } as const;
    const run = applyPeer(
      peer,
      [
        { ...base, metric: 'a', values: new Map([[TARGET, 2], [dates[1] as IsoDate, -3.5]]) },
        { ...base, metric: 'b', values: new Map([[TARGET, 3]]) },
      ],
      dates,
    );
    expect(run.scoredDays).toBe(2);
    expect(run.scoredDates).toEqual(new Map([[seriesKey('d', 's'), new Set(dates)]]));
    expect(run.flagsByThreshold[0]?.map((f) => [f.metric, f.date])).toEqual([['a', dates[1]], ['b', TARGET]]);
    expect(run.flagsByThreshold[1]?.map((f) => [f.metric, f.date])).toEqual([['a', dates[1]]]);
  });
});
