import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates/iso-date.js';
import { todayIn } from '../../src/dates/time-zone.js';
import { DOMAINS } from '../../src/domains/registry.js';
import { copyFixtureWarehouse } from '../helpers/fixture-template.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';
import { runCli } from '../helpers/run-cli.js';

const END = '2026-03-31';
let dir: string;
let env: Record<string, string>;
let fixtureConfig: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-run-all-'));
  env = { MONITOR_HOME: join(dir, 'home') };
  copyFixtureWarehouse(join(dir, 'fixture.duckdb'));
  fixtureConfig = join(dir, 'fixture.yaml');
  writeFileSync(fixtureConfig, `embedded:\n  path: ${join(dir, 'fixture.duckdb')}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// main() in-process, as the program runs it; the cron job's exit status (--fail-on) is
// checked on the built CLI, a process of its own.
describe('monitor run --all', () => {
  it('runs every domain into one combined report, and with --report-dir writes its HTML page for all domains', async () => {
    const published = join(dir, 'published');
    mkdirSync(published);
    const result = await runCliInProcess(['run', '--all', '--date', '2026-03-20', '--config', fixtureConfig, '--report-dir', published], env);
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^monitor run · ${DOMAINS.length} domains · `));
    for (const domain of DOMAINS) expect(result.stdout).toContain(`monitor ${domain.name} · 2026-03-20`);
    // Issue 14: the day's report beside the run, one summary row per domain.
    expect(readdirSync(published)).toEqual(['monitor-all-2026-03-20.html']);
    const html = readFileSync(join(published, 'monitor-all-2026-03-20.html'), 'utf8');
    for (const domain of DOMAINS) expect(html).toContain(`<th scope="row">${domain.name}</th>`);
  });

  it('uses each domain’s own default date and warns when a lagging domain is asked for yesterday', async () => {
    const defaults = await runCliInProcess(['run', '--all', '--format', 'json'], env); // the managed demo, ending yesterday
    expect(defaults.code).toBe(0);
    const today = todayIn('UTC', new Date());
    const dates = Object.fromEntries(JSON.parse(defaults.stdout).reports.map((r: { domain: string; date: string }) => [r.domain, r.date]));
    for (const domain of DOMAINS) expect(dates[domain.name], domain.name).toBe(addDays(today, -domain.lagDays));
    const yesterday = await runCliInProcess(['run', '--all', '--date', 'yesterday', '--format', 'json'], env);
    expect(yesterday.code).toBe(0);
    for (const domain of DOMAINS.filter((d) => d.lagDays > 1)) {
      expect(yesterday.stderr).toMatch(new RegExp(`warning: ${domain.name} data for \\S+ may not be final: it finalises ${domain.lagDays} days late`));
    }
  });

  it('reports a domain whose table is missing, runs the others, and exits 3', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, `embedded:\n  path: ${join(dir, 'fixture.duckdb')}\ntables:\n  gpu_cost: no_such_table\n`);
    const result = await runCliInProcess(['run', '--all', '--date', '2026-03-20', '--config', broken, '--format', 'json'], env);
    expect(result.code).toBe(3);
    const reports = JSON.parse(result.stdout).reports as { domain: string; status: string; error?: { message: string } }[];
    expect(reports).toHaveLength(DOMAINS.length);
    const failed = reports.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.domain)).toEqual(['gpu-cost']);
    expect(failed[0]?.error?.message).toMatch(/no_such_table/);
    expect(reports.filter((r) => r.status === 'ok')).toHaveLength(DOMAINS.length - 1);
    const errors = result.stderr.trim().split('\n').filter((line) => line.startsWith('monitor: error'));
    expect(errors).toEqual([expect.stringMatching(/^monitor: error: gpu-cost: sql\/gpu-cost\.sql failed on DuckDB: .*no_such_table/)]);
  });

  it('the worst outcome sets the exit code: alerts with --fail-on give 1', () => {
    const result = runCli(['run', '--all', '--date', END, '--config', fixtureConfig, '--fail-on', 'critical'], env);
    expect(result.stdout).toMatch(/CRITICAL/);
    expect(result.code).toBe(1);
  });

  it('needs --all', async () => {
    const result = await runCliInProcess(['run'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/monitor run needs --all/);
  });
});
