import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarksDir, loadNycTaxi, scoreBenchmark, type BenchmarkScore } from '../../bench/nyc-taxi-benchmark.js';
import { DEFAULT_DETECTOR } from '../../src/stats/detector-settings.js';

/**
 * What the default detector must keep achieving on real data (NAB nyc_taxi, daily sums).
 * Bounds are the figures measured by bench/nyc-taxi-evaluation.ts and published in
 * docs/detection-method.md; a change to the method that worsens them must update both.
 * Never skipped: a missing benchmark is a failure, with the way to fix it.
 */
const dir = path.join(benchmarksDir(), 'nyc-taxi');
let cached: BenchmarkScore | undefined;

/** Loaded inside each test, so a missing benchmark fails every test instead of skipping them. */
function defaultScore(): BenchmarkScore {
  if (!existsSync(dir)) {
    throw new Error(
      `NYC taxi benchmark not found at ${dir}: restore test/fixtures/benchmarks ` +
        'or point MONITOR_BENCHMARKS_DIR at a copy of ../shared/benchmarks.',
    );
  }
  cached ??= scoreBenchmark(loadNycTaxi(dir), DEFAULT_DETECTOR);
  return cached;
}

describe('DEFAULT_DETECTOR on the NYC taxi benchmark', () => {
  it('scores every day from the fifth week on (215 days, 28 without 4 weeks of history)', () => {
    expect(defaultScore().scoredDays).toBe(187);
  });

  it('detects all three events a daily detector can find: Thanksgiving, Christmas, the blizzard', () => {
    expect(defaultScore().findableDetected).toBe(3);
  });

  it('rates Thanksgiving, Christmas and the blizzard CRITICAL with a wide margin', () => {
    const { thanksgiving, christmas, blizzard } = defaultScore().keyDays;
    for (const day of [thanksgiving, christmas, blizzard]) expect(day.severity).toBe('CRITICAL');
    expect(thanksgiving.z).toBeLessThan(-7);
    expect(blizzard.z).toBeLessThan(-10);
  });

  it('no longer lets Thanksgiving in its Thursday baseline mask Christmas (−4.6 with the plain 10-week mean and σ, −11.4 now)', () => {
    // Thanksgiving is left out of Christmas's baseline as an outlier, and the scale is pooled.
    expect(defaultScore().keyDays.christmas.z).toBeLessThan(-10);
  });

  it('keeps false alerts at or under the measured 4 unexplained and 0 unlabelled holidays', () => {
    expect(defaultScore().falseAlertsOther).toBeLessThanOrEqual(4);
    expect(defaultScore().falseAlertsHoliday).toBe(0);
    expect(defaultScore().alertsPer30Days).toBeLessThanOrEqual(2.3);
  });

  it('raises no CRITICAL outside the labelled event windows', () => {
    const criticalOutside = defaultScore().flags.filter((f) => f.severity === 'CRITICAL' && typeof f.classification === 'string');
    expect(criticalOutside.map((f) => f.date)).toEqual([]);
  });
});
