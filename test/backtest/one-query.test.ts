import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestDomain, type DomainBacktest } from '../../src/backtest/backtest-domain.js';
import { LIFECYCLE_HISTORY_DAYS } from '../../src/alerts/lifecycle.js';
import { loadConfig } from '../../src/config/load.js';
import { addDays } from '../../src/dates/iso-date.js';
import { DOMAINS, DOMAIN_NAMES } from '../../src/domains/registry.js';
import { openBigQueryWarehouse } from '../../src/warehouse/bigquery.js';
import type { QueryRequest, Row, Warehouse } from '../../src/warehouse/types.js';
import { writeBigQueryConfig } from '../helpers/bigquery-config.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { openGeneratedWarehouse, type GeneratedWarehouse } from '../helpers/generated-warehouse.js';

/**
 * The backtest's promise: a range of any length costs one warehouse query per domain
 * (plus one drill-down with --contributors), not one per day. Counted at the seam: the
 * Warehouse interface for DuckDB, the HTTP requests the real BigQuery client sends.
 */

const RANGE_DAYS = 60;

/** The real warehouse, with every request it was asked to run. */
function recording(inner: Warehouse): Warehouse & { readonly requests: QueryRequest[] } {
  const requests: QueryRequest[] = [];
  return {
    engine: inner.engine,
    description: inner.description,
    requests,
    query: (request: QueryRequest): Promise<Row[]> => {
      requests.push(request);
      return inner.query(request);
    },
    close: () => inner.close(),
  };
}

/**
 * The fixture's rows per distinct request, so that the tests below, which replay the
 * same ranges, pay for each DuckDB query once. It sits *under* the recording wrapper:
 * what is counted is what backtestDomain asks the Warehouse for.
 */
function memoized(inner: Warehouse): Warehouse {
  const results = new Map<string, Promise<Row[]>>();
  return {
    engine: inner.engine,
    description: inner.description,
    query: (request) => {
      const key = JSON.stringify([request.name, request.params]);
      let rows = results.get(key);
      if (rows === undefined) results.set(key, (rows = inner.query(request)));
      return rows.then((r) => [...r]);
    },
    close: () => inner.close(),
  };
}

const alertCount = (backtest: DomainBacktest): number => backtest.days.reduce((n, d) => n + d.report.alerts.length, 0);

let fixture: GeneratedWarehouse;
let duckdb: Warehouse;

beforeAll(async () => {
  fixture = await openGeneratedWarehouse();
  duckdb = memoized(fixture.warehouse);
});

afterAll(async () => {
  await fixture?.close();
});

describe('backtest on the embedded DuckDB warehouse', () => {
  const range = () => ({ from: addDays(fixture.summary.end, -(RANGE_DAYS - 1)), to: fixture.summary.end });

  it.each(DOMAINS.map((d) => [d.name, d] as const))('%s: 60 days from exactly one query', async (_name, domain) => {
    const warehouse = recording(duckdb);
    const backtest = await backtestDomain({ domain, config: fixture.config, warehouse, ...range(), contributors: false, toolVersion: 'test' });
    expect(backtest.days).toHaveLength(RANGE_DAYS);
    expect(warehouse.requests.map((r) => r.name)).toEqual([domain.sqlFile]);
    // The one query covers the whole range: its last date is the range's last day.
    expect(warehouse.requests[0]?.params['end_date']).toEqual({ type: 'DATE', value: range().to });
  });

  it.each(DOMAINS.map((d) => [d.name, d] as const))('%s: with contributors, one more query (the drill-down), whatever the number of alerts', async (_name, domain) => {
    const warehouse = recording(duckdb);
    const backtest = await backtestDomain({ domain, config: fixture.config, warehouse, ...range(), contributors: true, toolVersion: 'test' });
    // Every domain has an injected anomaly in the fixture's last 60 days: there are alerts to explain.
    expect(alertCount(backtest)).toBeGreaterThan(0);
    expect(warehouse.requests.map((r) => r.name)).toEqual([domain.sqlFile, domain.drillDown.sqlFile]);
    expect(warehouse.requests[1]?.name).toMatch(/^drilldown\//);
    expect(backtest.days.flatMap((d) => d.report.alerts).some((a) => a.contributors !== undefined && a.contributors !== null)).toBe(true);
  });

  it('with contributors and no alert in the range, no drill-down query at all', async () => {
    // gpu-cost's only anomaly is late in March: a quiet stretch of January has nothing to explain.
    const domain = DOMAINS.find((d) => d.name === 'gpu-cost');
    if (domain === undefined) throw new Error('gpu-cost domain is gone');
    const warehouse = recording(duckdb);
    const from = fixture.firstScored;
    const quiet = await backtestDomain({ domain, config: fixture.config, warehouse, from, to: addDays(from, 6), contributors: true, toolVersion: 'test' });
    expect(alertCount(quiet)).toBe(0);
    expect(warehouse.requests.map((r) => r.name)).toEqual([domain.sqlFile]);
  });
});

describe('backtest through the real BigQuery client (fake BigQuery server on 127.0.0.1)', () => {
  let fake: FakeBigQuery;
  let bigQueryWarehouse: () => Warehouse;

  beforeAll(async () => {
    // The fake runs the received SQL on a DuckDB file: the fixture copy is its dataset.
    fake = await FakeBigQuery.start({ duckdbPath: fixture.path, pendingPolls: 0 });
    const path = writeBigQueryConfig(join(fixture.path, '..', 'bq.yaml'), { bigquery: ['retry: { attempts: 1 }'] });
    const { config } = loadConfig({ path, knownDomains: DOMAIN_NAMES });
    bigQueryWarehouse = () => openBigQueryWarehouse({ config: config.bigquery!, tables: config.tables, env: { BIGQUERY_EMULATOR_HOST: fake.url }, log: () => {} });
  });

  afterAll(async () => {
    await fake?.stop();
  });

  it.each(DOMAINS.map((d) => [d.name, d] as const))('%s: 60 days are one BigQuery job, and the same days as on DuckDB', async (_name, domain) => {
    const from = addDays(fixture.summary.end, -(RANGE_DAYS - 1));
    const to = fixture.summary.end;
    const jobsBefore = fake.jobs().length;
    const requestsBefore = fake.requests.length;
    const onBigQuery = await backtestDomain({ domain, config: fixture.config, warehouse: bigQueryWarehouse(), from, to, contributors: false, toolVersion: 'test' });
    const requests = fake.requests.slice(requestsBefore);
    const jobs = fake.jobs().slice(jobsBefore);
    expect(requests.filter((r) => r.route === 'insert' || r.route === 'query')).toHaveLength(1);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.dryRun).toBe(false);
    // The one job is the domain's query, labelled with the whole range.
    const insert = requests.find((r) => r.route === 'insert');
    expect(insert?.body?.configuration?.labels?.['date']).toBe(`${addDays(from, -LIFECYCLE_HISTORY_DAYS)}_${to}`);
    expect(onBigQuery.days).toHaveLength(RANGE_DAYS);
    const onDuckDB = await backtestDomain({ domain, config: fixture.config, warehouse: duckdb, from, to, contributors: false, toolVersion: 'test' });
    expect(onBigQuery.days.map((d) => d.report)).toEqual(onDuckDB.days.map((d) => d.report));
  });
});
