/**
 * npm run bench: the performance harness (issue 13). Each figure is measured in one run,
 * against a floor measured in the same run where there is one, as a median with its
 * spread over several repetitions; the table goes to stdout and to BENCHMARKS.md.
 *
 *   npm run bench                      every measure (under 10 minutes on 2 cores)
 *   npm run bench -- --quick           fewer repetitions: to iterate, not to quote
 *   npm run bench -- --only run-all    some measures (repeat, or comma-separate); no BENCHMARKS.md unless --out
 *   npm run bench -- --out FILE        write the Markdown report there instead
 *   npm run bench -- --no-write        print the table only
 *
 * It spawns the built CLI (bin/monitor.js → dist/): run `npm run build` first.
 * Progress goes to stderr; the code lives in bench/perf/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { childEnv, DIST_CLI, makeNodeRunner, REPO_DIR, row, type BenchContext, type Measure, type ResultRow } from './perf/bench-context.js';
import { DemoWarehouses } from './perf/demo-warehouses.js';
import { currentLoad, machineInfo } from './perf/machine-info.js';
import { backtestMeasure } from './perf/measure-backtest.js';
import { demoGenerateMeasure } from './perf/measure-demo-generate.js';
import { runAllMeasure } from './perf/measure-run-all.js';
import { scalingMeasure } from './perf/measure-scaling.js';
import { startupMeasure } from './perf/measure-startup.js';
import { statsCoreMeasure } from './perf/measure-stats-core.js';
import { renderBenchmarksFile, renderResults } from './perf/report.js';
import { RunBudget } from './perf/time-budget.js';
import { describeProbe, detectResourceProbe } from './perf/timed-spawn.js';

/** In this order: demo generation first, so the 150-day file it writes serves the rest. */
export const MEASURES: readonly Measure[] = [demoGenerateMeasure, runAllMeasure, startupMeasure, statsCoreMeasure, backtestMeasure, scalingMeasure];

/** The whole run should end within these (repetitions beyond each measure's minimum give way first). */
const DEADLINE_S = 9 * 60;
const QUICK_DEADLINE_S = 4 * 60;

const USAGE = `usage: npm run bench -- [--quick] [--only <name>[,<name>…]]… [--out FILE | --no-write]
measures:${MEASURES.map((m) => `\n  ${m.name.padEnd(14)} ${m.description}`).join('')}
`;

function parseCommandLine(argv: readonly string[]): { quick: boolean; only: string[]; out: string | undefined } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const only = values.only.flatMap((text) => text.split(',')).map((name) => name.trim()).filter((name) => name !== '');
  const unknown = only.filter((name) => !MEASURES.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`unknown measure ${unknown.join(', ')}\n${USAGE}`);
  // A partial run does not overwrite the full report unless asked to.
  const out = values['no-write'] ? undefined : (values.out ?? (only.length === 0 ? join(REPO_DIR, 'BENCHMARKS.md') : undefined));
  return { quick: values.quick, only, out };
}

/** The commit measured, and whether tracked files had uncommitted changes. */
function codeVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: REPO_DIR, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown (not a git checkout)';
  // BENCHMARKS.md is this run's own output: a report left from the run before is not a code change.
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)BENCHMARKS.md').stdout.trim() !== '';
  return `commit ${head.stdout.trim()}${dirty ? ' + uncommitted changes' : ''}`;
}

/** The newest file under src/, to warn when dist/ is older (the CLI measured would not be the code read). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = parseCommandLine(argv);
  if (!existsSync(DIST_CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  if (statSync(DIST_CLI).mtimeMs < newestSource(join(REPO_DIR, 'src'))) log('warning: src/ has files newer than dist/cli.js: run npm run build to measure the current code');
  const started = performance.now();
  const date = new Date();
  const machine = machineInfo();
  const workDir = mkdtempSync(join(tmpdir(), 'monitor-bench-'));
  const cleanUp = (): void => rmSync(workDir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  let failed = false;
  try {
    const probe = detectResourceProbe(workDir);
    const home = join(workDir, 'home');
    mkdirSync(home);
    const env = childEnv(home);
    const node = makeNodeRunner({ probe, env, workDir });
    const selected = MEASURES.filter((m) => options.only.length === 0 || options.only.includes(m.name));
    const budget = new RunBudget(started + (options.quick ? QUICK_DEADLINE_S : DEADLINE_S) * 1000, options.quick);
    const context: BenchContext = {
      options: { quick: options.quick, only: options.only },
      workDir,
      probe,
      env,
      warehouses: new DemoWarehouses(workDir, node, log),
      log,
      reps: (full, quick) => (options.quick ? quick : full),
      budget,
      node,
    };
    const rows: ResultRow[] = [];
    for (const [i, measure] of selected.entries()) {
      budget.reserveMs = selected.slice(i + 1).reduce((sum, later) => sum + budget.nominalMs(later.budgetSeconds), 0);
      const measureStarted = performance.now();
      log(`== ${measure.name}: ${measure.description}`);
      try {
        rows.push(...(await measure.run(context)));
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        log(`${measure.name} failed: ${message}`);
        rows.push(row({ measure: measure.name, value: `failed: ${message.split('\n')[0]}`, met: 'no' }));
      }
      log(`   ${measure.name}: ${((performance.now() - measureStarted) / 1000).toFixed(0)} s (total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    const table = renderResults(rows);
    process.stdout.write(table);
    const durationMs = performance.now() - started;
    log(`bench: ${(durationMs / 60000).toFixed(1)} min`);
    if (options.out !== undefined) {
      const command = `npm run bench${argv.length === 0 ? '' : ` -- ${argv.join(' ')}`}`;
      const head = { machine, loadAtEnd: currentLoad(), command, date, durationMs, probe: describeProbe(probe), quick: options.quick, code: codeVersion() };
      const history = readFileSync(join(REPO_DIR, 'bench', 'perf', 'before-after.md'), 'utf8');
      writeFileSync(options.out, renderBenchmarksFile(head, table, selected.map((m) => m.method), history));
      log(`bench: wrote ${options.out}`);
    }
  } finally {
    cleanUp();
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`bench: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
