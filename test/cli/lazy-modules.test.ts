import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCliFixture, type CliFixture } from '../helpers/cli-fixture.js';
import { FakeSlack } from '../helpers/fake-slack/index.js';
import { REPO_ROOT, type CliResult } from '../helpers/run-cli.js';

// Issue 13: start-up loads only what the command line needs. Each case runs the built CLI
// with test/helpers/record-modules.mjs preloaded, which writes down every module the
// process resolves (ESM and CommonJS, lazily imported ones included), and checks the list.
// No timings here: which modules load is what decides the start-up time, and it does not
// depend on how busy the machine is.

const BIN = fileURLToPath(new URL('../../bin/monitor.js', import.meta.url));
const RECORDER = fileURLToPath(new URL('../helpers/record-modules.mjs', import.meta.url));

/** A module that must not load on a path, as a fragment of its resolved URL. */
const DUCKDB = '/node_modules/@duckdb/';
const ZOD = '/node_modules/zod/';
const YAML = '/node_modules/yaml/';
/** What a run reads the config with; `yaml` above is only for calibrate's writing. */
const JS_YAML = '/node_modules/js-yaml/';
const BIGQUERY = '/node_modules/@google-cloud/bigquery/';
const SLACK = '/node_modules/@slack/webhook/';
const GOOGLE_AUTH = '/node_modules/google-auth-library/';
const CLI_PROGRESS = '/node_modules/cli-progress/';
const DEMO = '/dist/demo/';
const DEMO_GENERATOR = '/dist/demo/generate.js';
const COMMANDER = '/node_modules/commander/';
const LUXON = '/node_modules/luxon/';
/** The HTML report's chart geometry: loaded by `report` and `--report-dir` only. */
const CHARTS = '/node_modules/d3-';

/** Nothing a run uses when it runs nothing: --version and every --help. */
const NOT_FOR_HELP = [DUCKDB, ZOD, YAML, JS_YAML, LUXON, BIGQUERY, SLACK, GOOGLE_AUTH, CLI_PROGRESS, DEMO, CHARTS];
/** Nothing an embedded dry run, explain, backtest or silence uses. */
const NOT_FOR_EMBEDDED_WITHOUT_DELIVERY = [BIGQUERY, SLACK, GOOGLE_AUTH, CLI_PROGRESS, DEMO_GENERATOR, CHARTS, YAML];

/** How record-modules-hooks.mjs marks a module resolved by an ES-module import (not by require()). */
const IMPORTED = 'import ';

let fixture: CliFixture;
let slack: FakeSlack;
let runs = 0;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
  fixture = generateCliFixture('monitor-lazy-modules-');
  slack = await FakeSlack.start();
});
afterAll(async () => {
  await slack.stop();
  fixture.remove();
});

/** Runs the built CLI with the recorder preloaded; returns its result and the module URLs it resolved. */
async function runRecorded(args: readonly string[], env: Record<string, string> = fixture.env): Promise<CliResult & { modules: string[]; imported: string[] }> {
  runs += 1;
  const record = join(fixture.dir, `modules-${runs}.txt`);
  const child = spawn(process.execPath, ['--import', RECORDER, BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env, MONITOR_RECORD_MODULES: record },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
  const lines = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter((line) => line !== '') : [];
  const imported = [...new Set(lines.filter((line) => line.startsWith(IMPORTED)).map((line) => line.slice(IMPORTED.length)))];
  const modules = [...new Set(lines.map((line) => (line.startsWith(IMPORTED) ? line.slice(IMPORTED.length) : line)))];
  return { code, stdout, stderr, modules, imported };
}

/** The forbidden fragments some loaded module matched, each with the first such module. */
function loaded(modules: readonly string[], fragments: readonly string[]): string[] {
  return fragments.flatMap((fragment) => {
    const hit = modules.find((url) => url.includes(fragment));
    return hit === undefined ? [] : [`${fragment} (${hit})`];
  });
}

describe('--version and --help load commander and the command definitions only', () => {
  const paths = [
    ['--version'],
    ['--help'],
    ['usage', '--help'],
    ['run', '--help'],
    ['explain', '--help'],
    ['backtest', '--help'],
    ['report', '--help'],
    ['scan', '--help'],
    ['calibrate', '--help'],
    ['silence', 'add', '--help'],
    ['demo', 'generate', '--help'],
  ];
  it.each(paths.map((args) => [args.join(' '), args] as const))('monitor %s', async (_name, args) => {
    const run = await runRecorded(args);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toBe('');
    // Not vacuous: the recorder saw the modules this path does load.
    expect(loaded(run.modules, [COMMANDER, '/dist/cli.js'])).toHaveLength(2);
    expect(loaded(run.modules, NOT_FOR_HELP)).toEqual([]);
  });
});

// gpu-cost throughout: which modules a path loads does not depend on the domain, and its
// query is a tenth of usage's.
describe('the embedded warehouse loads neither BigQuery, Slack, the progress bar nor the demo generator unless it uses them', () => {
  it('gpu-cost --dry-run', async () => {
    const run = await runRecorded(['gpu-cost', '--dry-run', '--date', '2026-03-31', '--config', fixture.config]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('monitor gpu-cost · 2026-03-31');
    // Not vacuous: the recorder saw DuckDB (loaded lazily, by the action) and commander.
    expect(loaded(run.modules, ['/node_modules/@duckdb/node-api/', COMMANDER])).toHaveLength(2);
    expect(loaded(run.modules, NOT_FOR_EMBEDDED_WITHOUT_DELIVERY)).toEqual([]);
    // Through require() (src/warehouse/duckdb-api.ts): as an ES-module import, Node parses
    // every file the CommonJS package re-exports first, 150 ms more on every run.
    expect(loaded(run.imported, [COMMANDER])).toHaveLength(1);
    expect(loaded(run.imported, [DUCKDB])).toEqual([]);
  });

  it('explain', async () => {
    const run = await runRecorded(['explain', 'gpu-cost', '--date', '2026-03-31', '--series', 'studio', '--metric', 'idle_cost', '--config', fixture.config]);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded(run.modules, ['/node_modules/@duckdb/node-api/'])).toHaveLength(1);
    expect(loaded(run.modules, NOT_FOR_EMBEDDED_WITHOUT_DELIVERY)).toEqual([]);
  });

  it('backtest, its output not a terminal (no bar drawn)', async () => {
    const run = await runRecorded(['backtest', 'gpu-cost', '--from', '2026-03-25', '--to', '2026-03-31', '--config', fixture.config]);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded(run.modules, ['/node_modules/@duckdb/node-api/'])).toHaveLength(1);
    expect(loaded(run.modules, NOT_FOR_EMBEDDED_WITHOUT_DELIVERY)).toEqual([]);
  });

  it('report loads the chart geometry (the recorder sees it), and nothing of delivery', async () => {
    const run = await runRecorded(['report', 'gpu-cost', '--date', '2026-03-31', '--out', join(fixture.dir, 'report.html'), '--config', fixture.config]);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded(run.modules, [CHARTS])).toHaveLength(1);
    expect(loaded(run.modules, [BIGQUERY, SLACK, GOOGLE_AUTH, CLI_PROGRESS, DEMO_GENERATOR])).toEqual([]);
  });

  it('silence list', async () => {
    const run = await runRecorded(['silence', 'list', '--config', fixture.config]);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded(run.modules, ['/node_modules/@duckdb/node-api/'])).toHaveLength(1);
    expect(loaded(run.modules, NOT_FOR_EMBEDDED_WITHOUT_DELIVERY)).toEqual([]);
  });

  it('a run that posts to Slack does load @slack/webhook (the recorder sees lazy imports)', async () => {
    const anomaly = fixture.anomalies.find((a) => a.domain === 'gpu-cost');
    if (anomaly === undefined) throw new Error('the fixture has no gpu-cost anomaly to alert on');
    slack.reset();
    const env = { ...fixture.env, MONITOR_HOME: join(fixture.dir, 'home-slack'), SLACK_WEBHOOK_URL: slack.url() };
    const run = await runRecorded(['gpu-cost', '--date', anomaly.start, '--config', fixture.config], env);
    expect(run.code, run.stderr).toBe(0);
    expect(slack.count('ok')).toBeGreaterThan(0);
    expect(loaded(run.modules, [SLACK])).toHaveLength(1);
    expect(loaded(run.modules, [BIGQUERY, GOOGLE_AUTH, CLI_PROGRESS, DEMO_GENERATOR])).toEqual([]);
  });
});
