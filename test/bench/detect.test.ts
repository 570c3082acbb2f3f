import { describe, expect, it } from 'vitest';
import { nycTaxiDefaultRows, nycTaxiFiles } from '../../bench/detect.js';
import { applyPeer } from '../../bench/peers/apply-peer.js';
import { elementaryZ } from '../../bench/peers/elementary.js';
import { fourteenDayZ, seedTeamZ } from '../../bench/peers/same-weekday.js';
import type { Peer } from '../../bench/peers/types.js';
import { addDays, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { renderLabelScores } from '../../src/labels/render-label-scores.js';
import { runCli } from '../helpers/run-cli.js';

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
    expect(run.flagsByThreshold[0]?.map((f) => [f.metric, f.date])).toEqual([['a', dates[1]], ['b', TARGET]]);
    expect(run.flagsByThreshold[1]?.map((f) => [f.metric, f.date])).toEqual([['a', dates[1]]]);
  });
});
