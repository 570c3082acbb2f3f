import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import type { DemoSummary } from '../../src/demo/generate.js';
import { copyFixtureWarehouse } from './fixture-template.js';

/**
 * The CLI in-process: main() with a captured io, as the entry point runs it with the real
 * process. Each run is its DuckDB queries, not a Node start-up and a module load, and a
 * test can hand the command a fake terminal for its progress bar. runInProcess has the
 * fixture's clock (the backtest tests); runCliInProcess is runCli (test/helpers/run-cli.ts)
 * without the process.
 */

/** Well after the fixture's last day (2026-03-31) and every domain's lag: no date is "not final". */
export const NOW = new Date('2026-04-10T08:00:00Z');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** What io.progressStream() returns; without it the io has no progressStream at all (a pipe, a cron log). */
  readonly progress?: NodeJS.WritableStream;
}

export async function runInProcess(args: readonly string[], env: Record<string, string>, options: RunOptions = {}): Promise<CliRun> {
  return runMain(args, env, () => NOW, options);
}

/**
 * `monitor …` as runCli (test/helpers/run-cli.ts) spawns it, but run by main() in this
 * process: the same environment (PATH and HOME, plus `env`), the real clock, no terminal;
 * stdout and stderr captured, the exit code returned. A run costs its queries, not a Node
 * start-up and a module load. For every test that is not about the process itself (the
 * exit status the binary sets, a real stdout, signals, crashes, runs side by side).
 */
export async function runCliInProcess(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return runMain(args, { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env }, () => new Date(), {});
}

async function runMain(args: readonly string[], env: Record<string, string>, now: () => Date, options: RunOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    env,
    now,
    ...(options.progress === undefined ? {} : { progressStream: () => options.progress }),
  };
  const code = await main(['node', 'monitor', ...args], io);
  return { code, stdout, stderr };
}

export interface BacktestFixture {
  readonly dir: string;
  /** A config whose embedded warehouse is this test file's copy of the fixture. */
  readonly config: string;
  /** MONITOR_HOME in the fixture's folder: where state would go if anything recorded it. */
  readonly home: string;
  readonly env: Record<string, string>;
  /** The generator's ground truth for the fixture. */
  readonly summary: DemoSummary;
  remove(): void;
}

/** The shared fixture warehouse (seed 42, 150 days to 2026-03-31), copied into a fresh folder. */
export function backtestFixture(prefix: string): BacktestFixture {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const warehouse = join(dir, 'fixture.duckdb');
  const summary = copyFixtureWarehouse(warehouse);
  const config = join(dir, 'fixture.yaml');
  writeFileSync(config, `embedded:\n  path: ${warehouse}\n`);
  const home = join(dir, 'home');
  return { dir, config, home, env: { MONITOR_HOME: home }, summary, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
