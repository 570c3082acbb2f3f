import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoSummary, InjectedAnomaly } from '../../src/demo/generate.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';
import { runCli } from '../helpers/run-cli.js';

// A generated warehouse with fixed dates: the same data on every machine and every day.
// Most runs are main() in-process, as the program runs them; the exit statuses 2 and 3 and
// the README's first run are checked on the built CLI (bin/monitor.js), a process of its own.
const END = '2026-03-31';
let dir: string;
let env: Record<string, string>;
let fixtureConfig: string;
let injected: InjectedAnomaly[];

function writeConfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-cli-'));
  env = { MONITOR_HOME: join(dir, 'home') };
  const generated = await runCliInProcess(['demo', 'generate', '--seed', '42', '--days', '150', '--end', END, '--out', join(dir, 'fixture.duckdb')], env);
  expect(generated.stderr).toMatch(/generated in/);
  expect(generated.code).toBe(0);
  fixtureConfig = writeConfig('fixture.yaml', `embedded:\n  path: ${join(dir, 'fixture.duckdb')}\n`);
  const listed = await runCliInProcess(['demo', 'anomalies', '--format', 'json', '--config', fixtureConfig], env);
  expect(listed.code).toBe(0);
  injected = JSON.parse(listed.stdout);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `monitor demo anomalies --format json` on the generated file (listed once, in beforeAll). */
const anomalies = (): readonly InjectedAnomaly[] => injected;

describe('monitor demo anomalies', () => {
  it('lists the ground truth the test fixture helpers use: the same seed, days and end make the same warehouse', () => {
    // test/helpers/cli-fixture.ts hands tests the generator's summary of the shared fixture
    // (test/global-setup.ts) instead of running `demo anomalies` each time: it is this list.
    const template = JSON.parse(inject('fixtureTemplate').summary) as DemoSummary;
    expect(anomalies()).toEqual(template.anomalies);
    expect(anomalies().length).toBeGreaterThan(0);
  });
});

describe('monitor usage on a generated warehouse', () => {
  it('reports an injected anomaly in text, with the numbers behind it', async () => {
    const anomaly = anomalies().find((a) => a.domain === 'usage');
    if (anomaly === undefined) throw new Error('the generator injected no usage anomaly');
    const result = await runCliInProcess(['usage', '--date', anomaly.start, '--config', fixtureConfig], env);
    expect(result.code).toBe(0);
    // No Slack webhook in this environment: the run says the alerts were only printed.
    expect(result.stderr).toMatch(/^slack: no webhook configured for [\w, -]+ \(set SLACK_WEBHOOK_URL\); alerts were printed only\n$/);
    expect(result.stdout).toMatch(new RegExp(`^monitor usage · ${anomaly.start} \\(\\w{3}\\) · embedded DuckDB`));
    expect(result.stdout).toMatch(/\d+ alerts?: /);
    expect(result.stdout).toMatch(/(CRITICAL|WARNING|NOTICE) +\S.* · .*μ .*σ .*z [+-]\d+\.\d/);
    expect(result.stdout).toMatch(/[▁▂▃▄▅▆▇█]+ [▁▂▃▄▅▆▇█]/);
  });

  it('prints a stable JSON report and --fail-on turns alerts into exit 1', async () => {
    const anomaly = anomalies().find((a) => a.domain === 'usage' && a.expectedSeverity === 'CRITICAL');
    if (anomaly === undefined) throw new Error('the generator injected no CRITICAL usage anomaly');
    const result = await runCliInProcess(['usage', '--date', anomaly.start, '--config', fixtureConfig, '--format', 'json', '--fail-on', 'critical'], env);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('monitor');
    const [domain] = report.reports;
    expect(domain).toMatchObject({ domain: 'usage', date: anomaly.start, status: 'ok' });
    const alert = domain.alerts.find((a: { series: string; metric: string }) => a.series === anomaly.series && a.metric === anomaly.metric);
    expect(alert).toMatchObject({ severity: 'CRITICAL', direction: anomaly.direction });
    expect(alert.baseline.values).toHaveLength(10);
    for (const key of ['value', 'mean', 'sd', 'z', 'pctChange', 'action']) expect(alert).toHaveProperty(key);
  });

  it('says so in one line on a quiet day, and exits 0 even with --fail-on', async () => {
    const busy = new Set<string>(anomalies().map((a) => a.start));
    const quietDay = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-10', '2026-03-11'].find((d) => !busy.has(d)) as string;
    const result = await runCliInProcess(['usage', '--date', quietDay, '--config', fixtureConfig, '--fail-on', 'notice'], env);
    expect(result.stdout).toMatch(/Quiet: \d+ series × metrics checked/);
    expect(result.code).toBe(0);
  });

  it('reports a date before the data starts as no data, not a crash', async () => {
    const result = await runCliInProcess(['usage', '--date', '2025-06-01', '--config', fixtureConfig], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/DATA_MISSING .*before the data starts/);
  });

  it('reports insufficient history near the start of the data', async () => {
    // 150 days ending 2026-03-31 start on 2025-11-02: three weeks later only 3 same weekdays exist.
    const result = await runCliInProcess(['usage', '--date', '2025-11-24', '--config', fixtureConfig], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Nothing scored/);
    expect(result.stdout).toMatch(/Warming up \(too few same-weekday values to score, no alert possible\): .*\(3 of 4\)/);
  });
});

describe('bad input: one line on stderr, exit 2, nothing on stdout', () => {
  it.each([
    [['usage', '--date', '2026-02-30'], /--date 2026-02-30: not a date/],
    [['usage', '--date', 'tomorrow'], /--date tomorrow: not a date/],
    [['usage', '--date', '2999-01-01'], /--date 2999-01-01: is in the future/],
    [['usage', '--format', 'xml'], /--format: .*got "xml"/],
    [['usage', '--fail-on', 'sometimes'], /--fail-on: .*got "sometimes"/],
    [['revenu'], /unknown command 'revenu'/],
    [['usage', '--config', '/nonexistent/monitor.yaml'], /config \/nonexistent\/monitor.yaml: file not found/],
  ])('monitor %j', async (args, message) => {
    const result = await runCliInProcess(args, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses demo generate with too few days or an existing file', () => {
    const tooShort = runCli(['demo', 'generate', '--days', '10', '--out', join(dir, 'short.duckdb')], env);
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toMatch(/--days: at least 120 days/);
    const exists = runCli(['demo', 'generate', '--out', join(dir, 'fixture.duckdb')], env);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/fixture\.duckdb: file exists/);
    expect(`${tooShort.stdout}${exists.stdout}`).toBe('');
  });

  it.each([
    ['malformed YAML', 'tables: [oops\n', /malformed YAML \(line \d+\)/],
    ['SQL in a table name', 'tables:\n  usage_daily: "x; DROP TABLE y"\n', /tables\.usage_daily: must be a plain table name/],
    ['a wrong type', 'defaults:\n  baseline: { weeks: ten }\n', /defaults\.baseline\.weeks: .*got "ten"/],
  ])('a config with %s', async (_name, text, message) => {
    const path = writeConfig(`${_name.replace(/\W/g, '_')}.yaml`, text);
    const result = await runCliInProcess(['usage', '--date', '2026-03-10', '--config', path], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('warehouse failures: exit 3', () => {
  it('names the missing table', () => {
    const path = writeConfig('missing-table.yaml', `embedded:\n  path: ${join(dir, 'fixture.duckdb')}\ntables:\n  usage_daily: no_such_table\n`);
    const result = runCli(['usage', '--date', '2026-03-10', '--config', path], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/sql\/usage\.sql failed on DuckDB: .*no_such_table/);
  });

  it('names a missing embedded database file', async () => {
    const path = writeConfig('missing-db.yaml', `embedded:\n  path: ${join(dir, 'nope.duckdb')}\n`);
    const result = await runCliInProcess(['usage', '--date', '2026-03-10', '--config', path], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/nope\.duckdb: no such DuckDB file/);
  });
});

describe('the README main job: no config at all', () => {
  it('creates the demo warehouse ending yesterday and reports on it', () => {
    const result = runCli(['usage', '--date', 'yesterday'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/generating the demo warehouse/);
    expect(result.stdout).toMatch(/^monitor usage · \d{4}-\d{2}-\d{2}/);
    // The generator puts an anomaly on the last day so the first run shows a real alert.
    expect(result.stdout).toMatch(/CRITICAL/);
    const again = runCli(['usage', '--date', 'yesterday'], env);
    expect(again.stderr).not.toMatch(/generating/); // second run reuses the file
    expect(again.stdout).toBe(result.stdout);
  });
});
