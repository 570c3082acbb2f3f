import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { meanAndSampleSd } from './sample-stats.js';
import type { Peer, PeerDetector, PeerScore } from './types.js';

/**
 * Elementary's volume / column anomaly test (elementary-data/dbt-data-reliability) with
 * its defaults, on daily buckets:
 *  - `training_period` 14 days, "the maximal timeframe for which the test will collect
 *    data. This timeframe includes the training period and detection period"
 *    (docs.elementary-data.com/data-tests/anomaly-detection-configuration/training-period);
 *  - mean and stddev over `rows between unbounded preceding and current row` of that
 *    window, i.e. the tested bucket is IN its own training set
 *    (macros/edr/data_monitoring/anomaly_detection/get_anomaly_scores_query.sql;
 *    `exclude_detection_period_from_training` defaults to false). `stddev` is the sample
 *    σ on BigQuery, Snowflake, Postgres, Redshift (default__standard_deviation);
 *  - no seasonality (default): the 14 consecutive days, not same weekdays;
 *  - anomaly_score = (value − avg) / stddev; null with a training set of 1; 0 when
 *    stddev = 0 ("stationary data case", same macro);
 *  - `anomaly_sensitivity` 3: flagged when |z| > 3 (docs: anomaly-sensitivity).
 *
 * Including the tested day bounds |z|: for n values, one of them at most (n − 1)/√n
 * sample σ from their mean (Samuelson's inequality), 3.47 for n = 14. So no day, however
 * extreme, can score above 3.47 here, and one more point above 3 is all the headroom the
 * default sensitivity leaves. Days missing from the series are skipped (Elementary fills
 * empty buckets of a row count with 0; our count series already hold their zeros).
 * One simplification: each date is scored as the latest bucket of its run; Elementary's
 * default `detection_period` of 2 days also tests the day before, against a training set
 * ending at that day, which is the same computation one run earlier.
 */
export function elementaryZ(values: ReadonlyMap<IsoDate, number>, date: IsoDate, trainingDays = 14): PeerScore | null {
  const value = values.get(date);
  if (value === undefined) return null;
  const training: number[] = [];
  for (let back = trainingDays - 1; back >= 0; back -= 1) {
    const v = values.get(addDays(date, -back));
    if (v !== undefined) training.push(v);
  }
  if (training.length < 2) return null;
  const { mean, sd } = meanAndSampleSd(training);
  return { z: sd === 0 ? 0 : (value - mean) / sd };
}

export const elementaryDefaultZ: PeerDetector = (values, date) => elementaryZ(values, date);

export const ELEMENTARY_PEER: Peer = { name: 'Elementary-style: 14 days incl. the day', score: elementaryDefaultZ, thresholds: [3] };
