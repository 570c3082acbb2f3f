import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildAnomalyPlan } from './anomaly-plan.js';
import { DemoCalendar } from './calendar.js';
import { buildDemoData } from './demo-data.js';
import { DemoError } from './errors.js';
import { validateDemoOptions } from './options.js';
import type { DemoOptions, DemoSummary, InjectedAnomaly } from './types.js';
import { writeDemoWarehouse } from './write-warehouse.js';

export type { DemoDomain, DemoOptions, DemoSummary, InjectedAnomaly } from './types.js';
export { DEMO_HEAVY_MIN_TOKENS_28D } from './constants.js';
export { readDemoSummary } from './summary.js';

/**
 * Writes a NEW DuckDB database at `path` holding all five domains' tables, ending on
 * `options.end`, plus `demo_anomalies` (the injected ground truth) and `demo_meta`.
 * `options.scale` (default 1) multiplies the user population; the ground truth and
 * demo_meta do not depend on it.
 * The file is built under a temporary name in the same directory and moved into place
 * only when complete, so a crash never leaves a half-written database at `path`.
 */
export async function generateDemoWarehouse(path: string, options: DemoOptions): Promise<DemoSummary> {
  const valid = validateDemoOptions(options);
  assertAbsent(path);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const { data, rowCounts } = await writeDemoWarehouse(temporary, () => buildDemoData(valid));
    moveIntoPlace(temporary, path);
    return {
      seed: valid.seed,
      days: valid.days,
      start: data.calendar.start,
      end: valid.end,
      rowCounts,
      anomalies: data.plan.anomalies,
    };
  } finally {
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.wal`, { force: true });
  }
}

/** The ground truth generateDemoWarehouse records for these options (at any scale), without generating data. */
export function plannedAnomalies(options: DemoOptions): InjectedAnomaly[] {
  const valid = validateDemoOptions(options);
  return buildAnomalyPlan(valid.seed, new DemoCalendar(valid.end, valid.days)).anomalies;
}

function assertAbsent(path: string): void {
  if (existsSync(path)) {
    throw new DemoError('DEMO_TARGET_EXISTS', `refusing to overwrite ${path}: it already exists`, 'delete it or choose another path');
  }
}

/**
 * A hard link fails if `path` appeared meanwhile, so nothing is ever overwritten; file
 * systems without hard links fall back to a rename after a last existence check.
 */
function moveIntoPlace(temporary: string, path: string): void {
  try {
    linkSync(temporary, path);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
  }
  assertAbsent(path);
  renameSync(temporary, path);
}
