/**
 * What every measure shares: options, the scratch directory, the resource probe, the
 * environment the CLI is spawned with, the demo warehouses generated once per run, and
 * the shape of a result row.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoWarehouses } from './demo-warehouses.js';
import type { RunBudget } from './time-budget.js';
import { timedNode, type ResourceProbe, type TimedRun } from './timed-spawn.js';

export const REPO_DIR = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const BIN = join(REPO_DIR, 'bin', 'monitor.js');
export const DIST_CLI = join(REPO_DIR, 'dist', 'cli.js');
/** The demo files end here, so every run scores the same dates: D of the issue. */
export const END_DATE = '2026-03-31';
export const SEED = 42;

export interface BenchOptions {
  /** Fewer repetitions and samples, to iterate; the figures are noisier. */
  readonly quick: boolean;
  /** Measures to run (names of MEASURES); empty: all. */
  readonly only: readonly string[];
}

export interface BenchContext {
  readonly options: BenchOptions;
  /** Deleted at the end of the run. */
  readonly workDir: string;
  readonly probe: ResourceProbe;
  /** The environment of every spawned process: no Slack webhooks, no MONITOR_CONFIG, a scratch MONITOR_HOME. */
  readonly env: NodeJS.ProcessEnv;
  readonly warehouses: DemoWarehouses;
  /** Progress to stderr. */
  log(line: string): void;
  /** `full` repetitions normally, `quick` with --quick. */
  reps(full: number, quick: number): number;
  /** Repetitions and time within the run's budget (time-budget.ts). */
  readonly budget: RunBudget;
  /** `node <args>` from the repository root, measured. */
  node(args: readonly string[], options?: { captureStdout?: boolean; okExitCodes?: readonly number[] }): Promise<TimedRun>;
}

/** One line of the Markdown table. */
export interface ResultRow {
  readonly measure: string;
  /** The figure: median (min–max). */
  readonly value: string;
  /** The floor it is compared with, or what the ratio is against. */
  readonly floor: string;
  readonly ratio: string;
  readonly goal: string;
  readonly met: 'yes' | 'no' | '—' | 'n/a';
  readonly peakRss: string;
  readonly notes: string;
}

export interface Measure {
  /** For --only. */
  readonly name: string;
  readonly description: string;
  /** Nominal seconds of repetitions in a full run (generating warehouses not included). */
  readonly budgetSeconds: number;
  /** How it is measured, for BENCHMARKS.md. */
  readonly method: string;
  run(context: BenchContext): Promise<ResultRow[]>;
}

export function row(partial: Partial<ResultRow> & Pick<ResultRow, 'measure' | 'value'>): ResultRow {
  return { floor: '—', ratio: '—', goal: '—', met: '—', peakRss: '—', notes: '', ...partial };
}

/** A clean environment for the CLI: nothing may reach Slack or another config, whatever the caller's shell holds. */
export function childEnv(monitorHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('SLACK_') || key.startsWith('MONITOR_') || key === 'NODE_OPTIONS' || key.startsWith('TSX')) continue;
    env[key] = value;
  }
  env['MONITOR_HOME'] = monitorHome;
  return env;
}

export function makeNodeRunner(context: Pick<BenchContext, 'probe' | 'env' | 'workDir'>): BenchContext['node'] {
  return (args, options = {}) => timedNode(args, { cwd: REPO_DIR, env: context.env, probe: context.probe, scratchDir: context.workDir, ...options });
}
