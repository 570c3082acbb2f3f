import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IsoDate } from '../dates/iso-date.js';
import { ConfigError, WarehouseError } from '../errors.js';

export const DEMO_DEFAULT_SEED = 42;
/** 150 days: a 10-week baseline (70 days) plus ~80 scoreable days, with room for anomalies. */
export const DEMO_DEFAULT_DAYS = 150;

/**
 * Where the managed demo warehouse lives: $MONITOR_HOME/demo.duckdb, else
 * $XDG_CACHE_HOME/monitor/demo.duckdb, else ~/.cache/monitor/demo.duckdb.
 */
export function demoWarehousePath(env: Readonly<Record<string, string | undefined>>): string {
  return join(monitorHome(env), 'demo.duckdb');
}

/**
 * $MONITOR_HOME, else $XDG_CACHE_HOME/monitor, else ~/.cache/monitor: the demo and the
 * delivery state live here. A home that exists but is a file is the user's setting gone
 * wrong, so it is refused here, once, rather than as a mkdir failure deep in a run.
 */
export function monitorHome(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env['MONITOR_HOME'];
  const cache = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  const home = explicit || join(cache, 'monitor');
  if (statSync(home, { throwIfNoEntry: false })?.isDirectory() === false) {
    const source = explicit ? 'MONITOR_HOME' : 'the monitor home (from XDG_CACHE_HOME or HOME)';
    throw new ConfigError(`${source} ${home}: exists but is not a directory`, 'set MONITOR_HOME to a directory (it is created if missing)');
  }
  return home;
}

export interface DemoRequest {
  readonly path: string;
  readonly seed: number;
  readonly days: number;
  /** The last day of data: yesterday in the configured time zone. */
  readonly end: IsoDate;
  readonly log: (line: string) => void;
}

/**
 * Makes sure the demo file holds data ending `end` for this seed and size; regenerates
 * it otherwise (the demo always ends yesterday). Generation goes to a private temp
 * file renamed into place, so concurrent runs never see a half-written database.
 */
export async function ensureDemoWarehouse(request: DemoRequest): Promise<void> {
  if (existsSync(request.path) && (await isCurrent(request))) return;
  const temp = `${request.path}.${process.pid}.${Date.now()}.tmp`;
  const started = performance.now();
  request.log(`generating the demo warehouse (seed ${request.seed}, ${request.days} days ending ${request.end}) at ${request.path} …`);
  // The generator (and DuckDB) are loaded only when the file must be (re)generated.
  const [{ generateDemoWarehouse }, { firstLine }] = await Promise.all([import('../demo/generate.js'), import('./duckdb.js')]);
  try {
    mkdirSync(dirname(request.path), { recursive: true });
    await generateDemoWarehouse(temp, { seed: request.seed, days: request.days, end: request.end });
    renameSync(temp, request.path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new WarehouseError(`cannot create the demo warehouse at ${request.path}: ${firstLine(error)}`, 'set MONITOR_HOME to a writable directory');
  }
  request.log(`demo warehouse ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function isCurrent(request: DemoRequest): Promise<boolean> {
  const { readDemoSummary } = await import('../demo/summary.js');
  try {
    const summary = await readDemoSummary(request.path);
    return summary.seed === request.seed && summary.days === request.days && summary.end === request.end;
  } catch {
    return false; // unreadable or from an older generator: regenerate
  }
}
