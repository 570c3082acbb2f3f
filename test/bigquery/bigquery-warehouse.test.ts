import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { addDays, isoDate } from '../../src/dates/iso-date.js';
import { generateDemoWarehouse } from '../../src/demo/generate.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import { usageDomain } from '../../src/domains/usage.js';
import { WarehouseError } from '../../src/errors.js';
import { fetchDrillDown } from '../../src/rootcause/attach-contributors.js';
import { buildDomainQuery, runDomain } from '../../src/run/run-domain.js';
import { openBigQueryWarehouse } from '../../src/warehouse/bigquery.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';

const END = isoDate('2026-03-31');
const DATE = isoDate('2026-03-10');
let dir: string;
let dbPath: string;
let fake: FakeBigQuery;
let config: Config;
const logs: string[] = [];

function bigQueryConfigYaml(extra = ''): string {
  const tables = ['usage_daily', 'enterprise_orgs', 'gpu_cost', 'subscription_events', 'subscriptions_daily', 'api_requests'];
  return [
    'warehouse: bigquery',
    'bigquery:',
    '  project: test-project',
    '  location: EU',
    '  pageSize: 40',
    '  pollIntervalMs: 10',
    '  jobTimeoutMs: 1500',
    '  labels: { team: data }',
    '  retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 5 }',
    extra,
    'tables:',
    ...tables.map((t) => `  ${t}: test-project.analytics.${t}`),
    '',
  ].join('\n');
}

function warehouse(): Warehouse {
  if (config.bigquery === undefined) throw new Error('test config has no bigquery section');
  return openBigQueryWarehouse({ config: config.bigquery, tables: config.tables, env: { BIGQUERY_EMULATOR_HOST: fake.url }, log: (l) => logs.push(l) });
}
const run = (w: Warehouse) => runDomain({ domain: usageDomain, config, warehouse: w, from: DATE, to: DATE, toolVersion: '0.1.0' });
const inserts = () => fake.requests.filter((r) => r.route === 'insert');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-bq-'));
  dbPath = join(dir, 'demo.duckdb');
  await generateDemoWarehouse(dbPath, { seed: 42, days: 120, end: END });
  fake = await FakeBigQuery.start({ duckdbPath: dbPath, pendingPolls: 2 });
  const path = join(dir, 'bq.yaml');
  writeFileSync(path, bigQueryConfigYaml());
  config = loadConfig({ path, knownDomains: DOMAIN_NAMES }).config;
});

afterEach(() => {
  fake.requests.length = 0;
  logs.length = 0;
});

afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the BigQuery warehouse through the real client', () => {
  it('gives exactly the report the embedded engine gives for the same data', async () => {
    const duck = await openDuckDBWarehouse(dbPath, loadConfig({ knownDomains: DOMAIN_NAMES }).config.tables);
    const expected = await run(duck);
    await duck.close();
    const actual = await run(warehouse());
    expect(actual).toEqual(expected);
    expect(actual[0]?.checked).toBe(20);
    // 40-row pages and two jobComplete:false answers: both paths were exercised.
    const polls = fake.requests.filter((r) => r.route === 'getQueryResults');
    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.some((r) => r.query['pageToken'])).toBe(true);
  });

  it('sends standard SQL, typed parameters, the byte cap, a timeout and labels', async () => {
    await run(warehouse());
    const [insert] = inserts();
    const body = insert?.body;
    expect(body.configuration.query.useLegacySql).toBe(false);
    expect(body.configuration.query.maximumBytesBilled).toBe(String(10 * 1024 ** 3));
    expect(Number(body.configuration.jobTimeoutMs)).toBe(1500);
    expect(body.configuration.labels).toEqual({ team: 'data', domain: 'usage', date: '2026-03-10', tool: 'monitor-0_1_0' });
    expect(body.jobReference.location).toBe('EU');
    const params = Object.fromEntries(
      body.configuration.query.queryParameters.map((p: { name: string; parameterType: { type: string }; parameterValue: { value: string } }) => [
        p.name,
        [p.parameterType.type, String(p.parameterValue.value)],
      ]),
    );
    expect(params).toEqual({
      start_date: ['DATE', '2025-08-02'],
      end_date: ['DATE', '2026-03-10'],
      scan_start: ['DATE', '2025-07-06'],
      heavy_min_tokens_28d: ['INT64', '5000000'],
    });
    expect(body.configuration.query.query).toContain('`test-project.analytics.usage_daily`');
    expect(body.configuration.query.query).toContain('@start_date');
  });

  it('runs the root-cause drill-down with ARRAY<DATE> and ARRAY<STRING> parameters, with the same result as the embedded engine', async () => {
    const baselineDates = [1, 2, 3, 4].map((weeks) => addDays(DATE, -7 * weeks));
    const targets = ['paying', 'enterprise_contract'].map((series) => ({
      series,
      metric: 'image_generations',
      date: DATE,
      baseline: { dates: baselineDates, values: baselineDates.map(() => 0) },
      mean: 0,
    }));
    const duck = await openDuckDBWarehouse(dbPath, loadConfig({ knownDomains: DOMAIN_NAMES }).config.tables);
    const expected = await fetchDrillDown(targets, { domain: usageDomain, config, warehouse: duck, toolVersion: '0.1.0' });
    await duck.close();
    const actual = await fetchDrillDown(targets, { domain: usageDomain, config, warehouse: warehouse(), toolVersion: '0.1.0' });
    expect(actual).toEqual(expected);
    expect([...(actual.get('paying')?.get('tier')?.keys() ?? [])].sort()).toEqual(['lite', 'pro', 'standard']);
    expect(actual.get('enterprise_contract')?.get('org')?.size).toBeGreaterThan(5);

    const [insert] = inserts();
    expect(insert?.body.configuration.labels).toMatchObject({ domain: 'usage', query: 'drilldown' });
    const arrays = Object.fromEntries(
      insert?.body.configuration.query.queryParameters
        .filter((p: { parameterType: { type: string } }) => p.parameterType.type === 'ARRAY')
        .map((p: { name: string; parameterType: { arrayType: { type: string } }; parameterValue: { arrayValues: { value: string }[] } }) => [
          p.name,
          [p.parameterType.arrayType.type, p.parameterValue.arrayValues.map((v) => v.value)],
        ]),
    );
    expect(arrays).toEqual({ dates: ['DATE', [...baselineDates, DATE].sort()], series: ['STRING', ['enterprise_contract', 'paying']] });
  });

  it('estimates with a dry run and runs nothing', async () => {
    const w = warehouse();
    const estimate = await w.estimate?.(buildDomainQuery({ domain: usageDomain, config, from: DATE, to: DATE, toolVersion: '0.1.0' }));
    expect(estimate?.bytes).toBeGreaterThan(0);
    expect(estimate?.pricePerTiB).toBe(6.25);
    expect(inserts()[0]?.body.configuration.dryRun).toBe(true);
    expect(fake.requests.filter((r) => r.route === 'getQueryResults')).toHaveLength(0);
  });
});

describe('BigQuery faults', () => {
  it('retries a 503 and returns one result', async () => {
    fake.inject({ route: 'insert', status: 503, reason: 'backendError', times: 1 });
    const [report] = await run(warehouse());
    expect(report?.status).toBe('ok');
    expect(inserts()).toHaveLength(2);
    expect(logs.join('\n')).toMatch(/transient failure \(attempt 1 of 3\), retrying/);
  });

  it('gives up after the configured attempts on repeated 500s', async () => {
    fake.inject({ route: 'getQueryResults', status: 500, reason: 'internalError', times: 10 });
    const failure = run(warehouse());
    await expect(failure).rejects.toThrow(WarehouseError);
    await expect(failure).rejects.toThrow(/BigQuery failed: .*internalError/);
    expect(fake.requests.filter((r) => r.route === 'getQueryResults')).toHaveLength(3);
  });

  it('does not retry an invalid query and says what is wrong', async () => {
    fake.inject({ route: 'insert', status: 400, reason: 'invalidQuery', message: 'Syntax error: Unexpected keyword FROM at [3:1]' });
    await expect(run(warehouse())).rejects.toThrow(/sql\/usage\.sql on BigQuery: invalid query: Syntax error: Unexpected keyword FROM/);
    expect(inserts()).toHaveLength(1);
  });

  it('names a missing table without retrying', async () => {
    const path = join(dir, 'missing.yaml');
    writeFileSync(path, bigQueryConfigYaml().replace('test-project.analytics.usage_daily', 'test-project.analytics.no_such_table'));
    const missing = loadConfig({ path, knownDomains: DOMAIN_NAMES }).config;
    const w = openBigQueryWarehouse({ config: missing.bigquery!, tables: missing.tables, env: { BIGQUERY_EMULATOR_HOST: fake.url }, log: () => {} });
    await expect(runDomain({ domain: usageDomain, config: missing, warehouse: w, from: DATE, to: DATE, toolVersion: 'x' })).rejects.toThrow(
      /Not found: Table .*no_such_table/,
    );
    expect(inserts()).toHaveLength(1);
  });

  it('cancels a job that does not finish in time', async () => {
    const hanging = await FakeBigQuery.start({ duckdbPath: dbPath });
    try {
      hanging.inject({ route: 'getQueryResults', hang: true });
      const w = openBigQueryWarehouse({ config: config.bigquery!, tables: config.tables, env: { BIGQUERY_EMULATOR_HOST: hanging.url }, log: () => {} });
      const started = Date.now();
      await expect(runDomain({ domain: usageDomain, config, warehouse: w, from: DATE, to: DATE, toolVersion: 'x' })).rejects.toThrow(
        /did not finish within 1500 ms and was cancelled/,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(hanging.requests.filter((r) => r.route === 'cancel')).toHaveLength(1);
      expect(hanging.jobs()[0]?.cancelled).toBe(true);
    } finally {
      await hanging.stop();
    }
  });
});
