import type { Labels } from '../backtest/backtest-result.js';
import type { Config } from '../config/schema.js';
import { readDemoSummary } from '../demo/summary.js';
import { MonitorError } from '../errors.js';
import { embeddedPath, type OpenWarehouseOptions } from '../warehouse/open-warehouse.js';
import { demoLabels } from './demo-labels.js';
import { readLabelsFile } from './read-labels.js';

/** A --labels file as the labels a command scores against (null without one). */
export function fileLabels(file: string | undefined): Labels | null {
  return file === undefined ? null : { source: file, events: readLabelsFile(file) };
}

/**
 * The labels a warehouse command scores against: the --labels file when given; else, on
 * a warehouse written by `monitor demo generate`, its injected anomalies (the ground truth
 * is known); any other warehouse has none.
 */
export async function commandLabels(file: string | undefined, config: Config, opening: OpenWarehouseOptions): Promise<Labels | null> {
  if (file !== undefined) return fileLabels(file);
  if (config.warehouse !== 'embedded') return null;
  try {
    const summary = await readDemoSummary(await embeddedPath(opening));
    return { source: `the demo generator's ground truth (seed ${summary.seed})`, events: demoLabels(summary.anomalies) };
  } catch (error) {
    if (error instanceof MonitorError) return null;
    throw error;
  }
}
