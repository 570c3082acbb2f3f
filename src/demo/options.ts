import { parseIsoDate } from '../dates/iso-date.js';
import { DEMO_MAX_DAYS, DEMO_MAX_SCALE, DEMO_MIN_DAYS } from './constants.js';
import { DemoError } from './errors.js';
import type { DemoOptions } from './types.js';

/** Checks options from callers (CLI flags included) and returns them normalised (scale filled in). */
export function validateDemoOptions(options: DemoOptions): Required<DemoOptions> {
  const { seed, days, end, scale = 1 } = options;
  if (!Number.isInteger(seed) || seed < -2_147_483_648 || seed > 2_147_483_647) {
    // demo_meta stores the seed as INTEGER.
    throw new DemoError('DEMO_INVALID_OPTIONS', `demo seed must be a 32-bit integer, got ${String(seed)}`, 'pass e.g. --seed 42');
  }
  if (!Number.isInteger(days) || days < DEMO_MIN_DAYS || days > DEMO_MAX_DAYS) {
    throw new DemoError(
      'DEMO_INVALID_OPTIONS',
      `demo days must be an integer from ${DEMO_MIN_DAYS} to ${DEMO_MAX_DAYS}, got ${String(days)}`,
      `the injected anomalies need ${DEMO_MIN_DAYS} days: a 10-week baseline behind each of them`,
    );
  }
  const parsedEnd = typeof end === 'string' ? parseIsoDate(end) : undefined;
  if (parsedEnd === undefined) {
    throw new DemoError('DEMO_INVALID_OPTIONS', `demo end must be a date YYYY-MM-DD, got ${String(end)}`, 'pass e.g. --end 2026-11-24');
  }
  if (!Number.isInteger(scale) || scale < 1 || scale > DEMO_MAX_SCALE) {
    throw new DemoError(
      'DEMO_INVALID_OPTIONS',
      `demo scale must be a whole number from 1 to ${DEMO_MAX_SCALE}, got ${String(scale)}`,
      'scale multiplies the users: pass e.g. --scale 4',
    );
  }
  return { seed, days, end: parsedEnd, scale };
}
