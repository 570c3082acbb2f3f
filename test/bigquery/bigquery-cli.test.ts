import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../../src/demo/generate.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { writeBigQueryConfig } from '../helpers/bigquery-config.js';

let dir: string;
let fake: FakeBigQuery;
let configPath: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-bq-cli-'));
  const dbPath = join(dir, 'demo.duckdb');
  await generateDemoWarehouse(dbPath, { seed: 42, days: 120, end: isoDate('2026-03-31') });
  fake = await FakeBigQuery.start({ duckdbPath: dbPath });
  configPath = writeBigQueryConfig(join(dir, 'bq.yaml'), { bigquery: ['retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 5 }'] });
  env = { BIGQUERY_EMULATOR_HOST: fake.url, MONITOR_HOME: join(dir, 'home') };
});

afterEach(() => {
  fake.requests.length = 0;
});

afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('monitor on BigQuery (BIGQUERY_EMULATOR_HOST, no credentials)', () => {
  it('runs the usage monitor through the real client', async () => {
    const result = await runCliAsync(['usage', '--date', '2026-03-10', '--config', configPath], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^monitor usage · 2026-03-10 \(Tue\) · BigQuery project test-project \(US\)/);
    expect(result.stdout).toMatch(/Quiet: 20 series × metrics checked|alert/);
    expect(fake.requests.some((r) => r.headers['authorization'] !== undefined)).toBe(false);
  });

  it('accepts BIGQUERY_EMULATOR_HOST as host:port, the form the README documents', async () => {
    const hostPort = fake.url.replace(/^http:\/\//, '');
    expect(hostPort).toMatch(/^127\.0\.0\.1:\d+$/);
    const result = await runCliAsync(['usage', '--date', '2026-03-10', '--config', configPath], { ...env, BIGQUERY_EMULATOR_HOST: hostPort });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^monitor usage · 2026-03-10 \(Tue\) · BigQuery project test-project/);
    expect(fake.requests.filter((r) => r.route === 'insert').length).toBeGreaterThan(0);
  });

  it('refuses a BIGQUERY_EMULATOR_HOST that is neither host:port nor a URL, naming the variable', async () => {
    const result = await runCliAsync(['usage', '--date', '2026-03-10', '--config', configPath], { ...env, BIGQUERY_EMULATOR_HOST: 'not a host' });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^monitor: error: BIGQUERY_EMULATOR_HOST "not a host": [^\n]+ \(hint: [^\n]+\)\n$/);
    expect(result.code).toBe(2);
  });

  it('--estimate prints bytes and cost from a dry run and runs nothing', async () => {
    const jobsBefore = fake.jobs().length;
    const result = await runCliAsync(['usage', '--date', '2026-03-10', '--config', configPath, '--estimate'], env);
    expect(result.code).toBe(0);
    const [main, drillDown, total, ...rest] = result.stdout.split('\n');
    expect(main).toMatch(/^sql\/usage\.sql would scan [\d.]+ (KiB|MiB|GiB), about \$\d+\.\d{4} at \$6\.25\/TiB \(cap 10\.00 GiB\); dt 2025-06-22 to 2026-03-10 \(262 days\)$/);
    expect(drillDown).toMatch(/^sql\/drilldown\/usage\.sql runs only when usage alerts: for alerts on 2026-03-10 \(every series, full baseline\) would scan [\d.]+ (KiB|MiB|GiB), about \$\d+\.\d{4}; dt 2025-12-03 to 2026-03-10 \(98 days\)$/);
    expect(total).toMatch(/^total: [\d.]+ (KiB|MiB|GiB), about \$\d+\.\d{4} without alerts; at most [\d.]+ (KiB|MiB|GiB), about \$\d+\.\d{4} if it alerts \(at \$6\.25\/TiB\)$/);
    expect(rest).toEqual(['']);
    // Two dry runs (the query and its drill-down), nothing run.
    expect(fake.jobs().slice(jobsBefore).map((j) => j.dryRun)).toEqual([true, true]);
    expect(fake.requests.filter((r) => r.route === 'getQueryResults')).toHaveLength(0);
  });

  it('exits 3 with one line and no partial output when BigQuery keeps failing', async () => {
    // Exactly the configured 3 attempts' worth, so no fault is left over for the next test.
    fake.inject({ route: 'insert', status: 500, reason: 'backendError', times: 3 });
    const result = await runCliAsync(['usage', '--date', '2026-03-10', '--config', configPath], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    const errorLines = result.stderr.trim().split('\n').filter((l) => l.startsWith('monitor: error:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/sql\/usage\.sql on BigQuery: BigQuery failed: .*backendError/);
    expect(fake.requests.filter((r) => r.route === 'insert')).toHaveLength(3);
  });

  it('refuses --estimate on the embedded warehouse', async () => {
    const result = await runCliAsync(['usage', '--date', '2026-03-10', '--estimate'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--estimate needs warehouse: bigquery/);
  });

  it('refuses a bare table name on BigQuery', async () => {
    const bare = join(dir, 'bare.yaml');
    writeFileSync(bare, 'warehouse: bigquery\nbigquery:\n  project: test-project\n');
    const result = await runCliAsync(['usage', '--config', bare], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tables\.usage_daily: on BigQuery a table is dataset\.table or project\.dataset\.table \(got "usage_daily"\)/);
  });
});
