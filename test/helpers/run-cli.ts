import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/monitor.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns the real built CLI (bin/monitor.js → dist/), as a user or cron would. */
export function runCli(args: readonly string[], env: Record<string, string>, cwd = REPO_ROOT): CliResult {
  if (!existsSync(new URL('../../dist/cli.js', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it) before the CLI tests');
  }
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like runCli, without blocking the event loop: needed when the test process itself
 * serves the CLI (a fake BigQuery or Slack server on 127.0.0.1).
 */
export function runCliAsync(args: readonly string[], env: Record<string, string>, cwd = REPO_ROOT): Promise<CliResult> {
  return spawnCli(args, env, cwd).done;
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves when the process has exited; `code` is null when a signal killed it. */
  readonly done: Promise<CliResult>;
}

/** Starts the CLI and hands back the child too, so a test can kill it mid-run (crash injection). */
export function spawnCli(args: readonly string[], env: Record<string, string>, cwd = REPO_ROOT): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}
