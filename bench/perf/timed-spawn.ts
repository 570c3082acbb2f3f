/**
 * Spawning a node process and measuring it: wall time (from spawn to exit, as a user
 * waits for it), CPU time (user + system: less sensitive than wall time to other
 * processes on a shared machine) and peak RSS.
 *
 * Peak RSS and CPU come from GNU time (`/usr/bin/time -f … -o file`) when it is there and
 * works; otherwise from a tiny module preloaded with `node --import` that writes
 * process.resourceUsage() on exit. Either way every process of a run — the CLI and the
 * floors alike — is wrapped the same way, so the wrapper's own cost cancels in a ratio.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ResourceProbe =
  | { readonly kind: 'gnu-time'; readonly path: string }
  | { readonly kind: 'node-hook'; readonly hookUrl: string };

export interface TimedRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssKb: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TimedNodeOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly probe: ResourceProbe;
  /** Where scratch files (the probe's output) go. */
  readonly scratchDir: string;
  /** Keep stdout (otherwise it goes to /dev/null, like `> /dev/null`). */
  readonly captureStdout?: boolean;
  /** Exit codes that count as success (default: 0). */
  readonly okExitCodes?: readonly number[];
}

const GNU_TIME = '/usr/bin/time';
const GNU_FORMAT = '%e %U %S %M';

const HOOK_SOURCE = `import { writeFileSync } from 'node:fs';
const out = process.env.BENCH_RESOURCE_OUT;
if (out) process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(out, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
`;

/** GNU time if it runs and reports a peak RSS; else the preloaded hook, written to scratchDir. */
export function detectResourceProbe(scratchDir: string): ResourceProbe {
  if (existsSync(GNU_TIME)) {
    const out = join(scratchDir, 'probe-check.txt');
    const check = spawnSync(GNU_TIME, ['-f', GNU_FORMAT, '-o', out, process.execPath, '-e', '0'], { stdio: 'ignore' });
    const parsed = check.status === 0 && existsSync(out) ? parseGnuTime(readFileSync(out, 'utf8')) : undefined;
    rmSync(out, { force: true });
    if (parsed !== undefined && parsed.maxRssKb > 0) return { kind: 'gnu-time', path: GNU_TIME };
  }
  const hook = join(scratchDir, 'resource-hook.mjs');
  writeFileSync(hook, HOOK_SOURCE);
  return { kind: 'node-hook', hookUrl: pathToFileURL(hook).href };
}

export function describeProbe(probe: ResourceProbe): string {
  return probe.kind === 'gnu-time'
    ? `peak RSS and CPU time from GNU time (${probe.path} -f '${GNU_FORMAT}')`
    : 'peak RSS and CPU time from process.resourceUsage() on exit (a module preloaded with node --import; GNU time not usable here)';
}

/** GNU time's -o file: "Command exited with non-zero status N" may come first; the figures are on the last line. */
export function parseGnuTime(text: string): { cpuMs: number; maxRssKb: number } | undefined {
  const last = text.trim().split('\n').at(-1) ?? '';
  const parts = last.trim().split(/\s+/).map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [, user, system, rss] = parts as [number, number, number, number];
  return { cpuMs: (user + system) * 1000, maxRssKb: rss };
}

let counter = 0;

/** Runs `node ...args` to completion and measures it; fails on an unexpected exit code. */
export async function timedNode(args: readonly string[], options: TimedNodeOptions): Promise<TimedRun> {
  counter += 1;
  const out = join(options.scratchDir, `resource-${process.pid}-${counter}.txt`);
  const [command, commandArgs, extraEnv] =
    options.probe.kind === 'gnu-time'
      ? [options.probe.path, ['-f', GNU_FORMAT, '-o', out, process.execPath, ...args], {}]
      : [process.execPath, ['--import', options.probe.hookUrl, ...args], { BENCH_RESOURCE_OUT: out }];
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const started = performance.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: options.cwd,
      env: { ...options.env, ...extraEnv },
      stdio: ['ignore', options.captureStdout === true ? 'pipe' : 'ignore', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
  const wallMs = performance.now() - started;
  const stderrText = Buffer.concat(stderr).toString('utf8');
  const ok = options.okExitCodes ?? [0];
  if (!ok.includes(exitCode)) {
    rmSync(out, { force: true });
    throw new Error(`node ${args.join(' ')} exited with ${exitCode}:\n${stderrText.trim().split('\n').slice(-8).join('\n')}`);
  }
  const resources = readResources(out, options.probe);
  rmSync(out, { force: true });
  return { wallMs, cpuMs: resources.cpuMs, maxRssKb: resources.maxRssKb, exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderrText };
}

function readResources(path: string, probe: ResourceProbe): { cpuMs: number; maxRssKb: number } {
  if (!existsSync(path)) throw new Error(`the resource probe wrote nothing to ${path}`);
  const text = readFileSync(path, 'utf8');
  if (probe.kind === 'gnu-time') {
    const parsed = parseGnuTime(text);
    if (parsed === undefined) throw new Error(`cannot read GNU time's output: ${JSON.stringify(text)}`);
    return parsed;
  }
  return JSON.parse(text) as { cpuMs: number; maxRssKb: number };
}
