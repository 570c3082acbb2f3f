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

  it('rates Thanksgiving and the blizzard CRITICAL with a wide margin', () => {
    expect(defaultScore().keyDays.thanksgiving.severity).toBe('CRITICAL');
    expect(defaultScore().keyDays.thanksgiving.z).toBeLessThan(-9);
    expect(defaultScore().keyDays.blizzard.severity).toBe('CRITICAL');
    expect(defaultScore().keyDays.blizzard.z).toBeLessThan(-10);
  });

  it('still flags Christmas Day itself, though Thanksgiving in its baseline masks it (z ≈ −4.6)', () => {
    expect(defaultScore().keyDays.christmas.severity).not.toBeNull();
    expect(defaultScore().keyDays.christmas.z).toBeLessThan(-4);
  });

  it('keeps false alerts at or under the measured 8 unexplained + 4 unlabelled holidays', () => {
    expect(defaultScore().falseAlertsOther).toBeLessThanOrEqual(8);
    expect(defaultScore().falseAlertsHoliday).toBeLessThanOrEqual(4);
    expect(defaultScore().alertsPer30Days).toBeLessThanOrEqual(3.9);
  });

  it('raises no CRITICAL outside the labelled event windows', () => {
    const criticalOutside = defaultScore().flags.filter((f) => f.severity === 'CRITICAL' && typeof f.classification === 'string');
    expect(criticalOutside.map((f) => f.date)).toEqual([]);
  });
});
