import { BigQuery, BigQueryDate, type BigQuery as BigQueryClient, type Query } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBigQueryClient } from '../helpers/fake-bigquery/client.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { createTinyWarehouse, type TinyWarehouse } from '../helpers/fake-bigquery/tiny-warehouse.js';

const CLAIMS = '`test-project.monitor_state.monitor_digest_claims`';
const CREATE_CLAIMS = `CREATE TABLE IF NOT EXISTS ${CLAIMS} (domain STRING, date DATE, route STRING, claim_id STRING, claimed_at STRING)`;
const CLAIM = `MERGE INTO ${CLAIMS} AS t
USING (SELECT @domain AS domain, @date AS date, @route AS route, @claim_id AS claim_id, @now AS claimed_at) AS s
ON t.domain = s.domain AND t.date = s.date AND t.route = s.route
WHEN NOT MATCHED THEN INSERT (domain, date, route, claim_id, claimed_at) VALUES (s.domain, s.date, s.route, s.claim_id, s.claimed_at)`;
const COUNTS = '`test-project.monitor_state.counts`';

// The tiny warehouse is a fresh temp file, so the writable fake may change it.
let warehouse: TinyWarehouse;
let fake: FakeBigQuery;
let bigquery: BigQueryClient;

beforeAll(async () => {
  warehouse = await createTinyWarehouse();
  fake = await FakeBigQuery.start({ duckdbPath: warehouse.path, writable: true, pendingPolls: 0 });
  bigquery = fakeBigQueryClient(fake);
  await run(CREATE_CLAIMS);
});

afterAll(async () => {
  await fake?.stop();
  await warehouse?.remove();
});

interface QueryStatistics {
  statementType: string;
  numDmlAffectedRows?: string;
  dmlStats?: Record<string, string>;
  ddlOperationPerformed?: string;
  ddlTargetTable?: { projectId: string; datasetId: string; tableId: string };
  schema?: unknown;
  totalBytesProcessed: string;
}

/** One job through the real client: createQueryJob, then getQueryResults({ autoPaginate: false }). */
async function run(query: string, params?: Record<string, unknown>, types?: Query['types']) {
  const [job] = await bigquery.createQueryJob({ query, params, types, useLegacySql: false, location: 'US' });
  const [rows, nextQuery, response] = await job.getQueryResults({ autoPaginate: false });
  const [metadata] = await job.getMetadata();
  return { rows, nextQuery, response, statistics: metadata.statistics.query as QueryStatistics };
}

async function apiError(work: Promise<unknown>): Promise<{ code: unknown; reason: unknown; message: string }> {
  const error = (await work.then(
    () => Promise.reject(new Error('expected the request to fail')),
    (caught: unknown) => caught,
  )) as { code?: unknown; errors?: { reason?: unknown }[]; message: string };
  return { code: error.code, reason: error.errors?.[0]?.reason, message: error.message };
}

const claimParams = (route: string) => ({
  params: { domain: 'usage', date: BigQuery.date('2026-03-10'), route, claim_id: `claim-${route}`, now: '2026-03-10T06:00:00Z' },
  types: { domain: 'STRING', date: 'DATE', route: 'STRING', claim_id: 'STRING', now: 'STRING' },
});

describe('writable fake BigQuery: DDL', () => {
  it('creates a table with no schema and no rows in the answer; IF NOT EXISTS then skips', async () => {
    const created = await run(`CREATE TABLE IF NOT EXISTS ${COUNTS} (name STRING, day DATE, n INT64, ratio FLOAT64)`);
    expect(created.rows).toEqual([]);
    expect(created.nextQuery).toBeNull();
    expect(created.response).toMatchObject({ kind: 'bigquery#getQueryResultsResponse', jobComplete: true, totalBytesProcessed: '0' });
    expect(created.response).not.toHaveProperty('schema');
    expect(created.response).not.toHaveProperty('numDmlAffectedRows');
    expect(created.statistics).toMatchObject({
      statementType: 'CREATE_TABLE',
      ddlOperationPerformed: 'CREATE',
      ddlTargetTable: { projectId: 'test-project', datasetId: 'monitor_state', tableId: 'counts' },
    });
    expect((await run(`CREATE TABLE IF NOT EXISTS ${COUNTS} (name STRING)`)).statistics.ddlOperationPerformed).toBe('SKIP');
    const described = await run(`SELECT * FROM ${COUNTS}`);
    expect(described.response?.schema?.fields?.map((f) => [f.name, f.type])).toEqual([
      ['name', 'STRING'],
      ['day', 'DATE'],
      ['n', 'INTEGER'],
      ['ratio', 'FLOAT'],
    ]);
  });

  it('answers duplicate for CREATE TABLE of an existing table, and drops tables', async () => {
    // 400, not 409: the client reads a 409 from jobs.insert as "this job already exists".
    expect(await apiError(run(`CREATE TABLE ${CLAIMS} (domain STRING)`))).toEqual({
      code: 400,
      reason: 'duplicate',
      message: 'Already Exists: Table test-project:monitor_state.monitor_digest_claims',
    });
    const table = '`test-project.scratch.t`';
    await run(`CREATE TABLE ${table} (x INT64)`);
    expect((await run(`DROP TABLE ${table}`)).statistics).toMatchObject({ statementType: 'DROP_TABLE', ddlOperationPerformed: 'DROP' });
    expect((await run(`DROP TABLE IF EXISTS ${table}`)).statistics.ddlOperationPerformed).toBe('SKIP');
    expect(await apiError(run(`SELECT * FROM ${table}`))).toMatchObject({ code: 404, reason: 'notFound' });
  });
});

describe('writable fake BigQuery: DML', () => {
  it('MERGE claims a key once: the second MERGE affects 0 rows', async () => {
    const first = await run(CLAIM, claimParams('default').params, claimParams('default').types);
    expect(first.rows).toEqual([]);
    expect(first.nextQuery).toBeNull();
    expect(first.response).toMatchObject({ jobComplete: true, numDmlAffectedRows: '1' });
    expect(first.response).not.toHaveProperty('schema');
    expect(first.statistics).toMatchObject({ statementType: 'MERGE', numDmlAffectedRows: '1' });
    expect(first.statistics).not.toHaveProperty('dmlStats');
    const second = await run(CLAIM, { ...claimParams('default').params, claim_id: 'other' }, claimParams('default').types);
    expect(second.response?.numDmlAffectedRows).toBe('0');
    expect(second.statistics.numDmlAffectedRows).toBe('0');

    const { rows } = await run(`SELECT domain, date, route, claim_id FROM ${CLAIMS} WHERE route = 'default'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ domain: 'usage', route: 'default', claim_id: 'claim-default' });
    expect(rows[0]?.['date']).toBeInstanceOf(BigQueryDate);
    expect((rows[0]?.['date'] as BigQueryDate).value).toBe('2026-03-10');
  });

  it('runs concurrent MERGEs one at a time: of five racing claims exactly one stores a row', async () => {
    const { params, types } = claimParams('race');
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => run(CLAIM, { ...params, claim_id: `racer-${i}` }, types)));
    expect(results.map((r) => r.response?.numDmlAffectedRows).sort()).toEqual(['0', '0', '0', '0', '1']);
    expect((await run(`SELECT claim_id FROM ${CLAIMS} WHERE route = 'race'`)).rows).toHaveLength(1);
  });

  it('INSERT, UPDATE and DELETE with DATE, STRING and INT64 params report affected rows', async () => {
    const types = { name: 'STRING', day: 'DATE', n: 'INT64' };
    const insert = `INSERT INTO ${COUNTS} (name, day, n) VALUES (@name, @day, @n)`;
    for (const [name, n] of [['a', 1], ['b', 2], ['c', 3]] as const) {
      const inserted = await run(insert, { name, day: BigQuery.date('2026-03-0' + n), n }, types);
      expect(inserted.response?.numDmlAffectedRows).toBe('1');
      expect(inserted.statistics).toMatchObject({ statementType: 'INSERT', numDmlAffectedRows: '1', dmlStats: { insertedRowCount: '1' } });
    }
    const updated = await run(`UPDATE ${COUNTS} SET n = n + @by WHERE day >= @from`, { by: 10, from: BigQuery.date('2026-03-02') }, { by: 'INT64', from: 'DATE' });
    expect(updated.statistics).toMatchObject({ statementType: 'UPDATE', numDmlAffectedRows: '2', dmlStats: { updatedRowCount: '2' } });
    const deleted = await run(`DELETE FROM ${COUNTS} WHERE name = @name`, { name: 'b' }, { name: 'STRING' });
    expect(deleted.statistics).toMatchObject({ statementType: 'DELETE', numDmlAffectedRows: '1', dmlStats: { deletedRowCount: '1' } });
    const none = await run(`DELETE FROM ${COUNTS} WHERE name = @name`, { name: 'zzz' }, { name: 'STRING' });
    expect(none.response?.numDmlAffectedRows).toBe('0');

    const { rows, statistics } = await run(`SELECT name, CAST(day AS STRING) AS day, n FROM ${COUNTS} ORDER BY name`);
    expect(statistics.statementType).toBe('SELECT');
    expect(rows).toEqual([
      { name: 'a', day: '2026-03-01', n: 1 },
      { name: 'c', day: '2026-03-03', n: 13 },
    ]);
  });

  it('runs jobs in the order received: an INSERT sent right behind a CREATE TABLE finds the table', async () => {
    const table = '`test-project.monitor_state.ordered`';
    const created = run(`CREATE TABLE ${table} (k STRING)`);
    const inserted = run(`INSERT INTO ${table} (k) VALUES ('a')`);
    await created;
    const bodies = fake.requests.filter((r) => r.route === 'insert').map((r) => String(r.body?.configuration?.query?.query));
    expect(bodies.findIndex((q) => q.startsWith('CREATE TABLE `test-project.monitor_state.ordered`'))).toBe(bodies.length - 2);
    expect((await inserted).response?.numDmlAffectedRows).toBe('1');
  });

  it('accepts BigQuery spellings DuckDB lacks: MERGE and INSERT without INTO, DELETE without FROM', async () => {
    const table = '`test-project.monitor_state.spellings`';
    await run(`CREATE TABLE ${table} (k STRING)`);
    expect((await run(`INSERT ${table} (k) VALUES ('a')`)).response?.numDmlAffectedRows).toBe('1');
    const merge = `MERGE ${table} t USING (SELECT 'b' AS k) s ON t.k = s.k WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k)`;
    expect((await run(merge)).response?.numDmlAffectedRows).toBe('1');
    expect((await run(`DELETE ${table} WHERE k = 'a'`)).response?.numDmlAffectedRows).toBe('1');
    expect((await run(`SELECT k FROM ${table}`)).rows).toEqual([{ k: 'b' }]);
  });

  it('runs DML through jobs.query (bigquery.query) too', async () => {
    const [rows] = await bigquery.query({ query: `UPDATE ${CLAIMS} SET claimed_at = @now WHERE route = @route`, params: { now: 'later', route: 'default' } });
    expect(rows).toEqual([]);
    expect((await run(`SELECT claimed_at FROM ${CLAIMS} WHERE route = 'default'`)).rows).toEqual([{ claimed_at: 'later' }]);
  });
});

describe('writable fake BigQuery: errors and dry runs', () => {
  it('answers 404 notFound for DML on a missing table, even one another dataset has', async () => {
    expect(await apiError(run("DELETE FROM `test-project.monitor_state.nope` WHERE k = 'x'"))).toEqual({
      code: 404,
      reason: 'notFound',
      message: 'Not found: Table test-project:monitor_state.nope was not found in location US',
    });
    const elsewhere = "INSERT INTO `test-project.other_state.monitor_digest_claims` (domain) VALUES ('x')";
    expect(await apiError(run(elsewhere))).toMatchObject({ code: 404, reason: 'notFound' });
    expect(await apiError(run(CLAIM.replace('monitor_state', 'missing_state'), claimParams('x').params, claimParams('x').types))).toMatchObject({
      code: 404,
      reason: 'notFound',
    });
  });

  it('refuses UPDATE/DELETE without WHERE, scripts and other statements with 400 invalidQuery', async () => {
    expect(await apiError(run(`UPDATE ${CLAIMS} SET route = 'x'`))).toEqual({ code: 400, reason: 'invalidQuery', message: 'UPDATE must have a WHERE clause' });
    expect(await apiError(run(`DELETE FROM ${CLAIMS}`))).toMatchObject({ code: 400, reason: 'invalidQuery' });
    expect(await apiError(run(`SELECT 1; DELETE FROM ${CLAIMS} WHERE true`))).toMatchObject({ code: 400, reason: 'invalidQuery' });
    expect(await apiError(run(`TRUNCATE TABLE ${CLAIMS}`))).toMatchObject({ code: 400, reason: 'invalidQuery' });
    expect((await run('SELECT 1 AS one; -- a trailing semicolon is one statement')).rows).toEqual([{ one: 1 }]);
  });

  it('dry-runs DDL and DML with a 0-byte estimate and no schema, changing nothing', async () => {
    const dryRun = async (query: string) => (await bigquery.createQueryJob({ query, useLegacySql: false, dryRun: true }))[0].metadata.statistics;
    const ddl = await dryRun('CREATE TABLE `test-project.dry_state.t` (x INT64)');
    expect(ddl).toMatchObject({ totalBytesProcessed: '0', query: { statementType: 'CREATE_TABLE', totalBytesProcessed: '0' } });
    expect(ddl.query).not.toHaveProperty('schema');
    const dml = await dryRun(`INSERT INTO ${CLAIMS} (domain) VALUES ('dry')`);
    expect(dml).toMatchObject({ totalBytesProcessed: '0', query: { statementType: 'INSERT' } });
    expect(await apiError(run('SELECT * FROM `test-project.dry_state.t`'))).toMatchObject({ code: 404, reason: 'notFound' });
    expect((await run(`SELECT COUNT(*) AS n FROM ${CLAIMS} WHERE domain = 'dry'`)).rows).toEqual([{ n: 0 }]);
  });

  it('still reads fixture tables of datasets without a schema (tableMap over main)', async () => {
    const { rows } = await run('SELECT COUNT(*) AS n FROM `test-project.analytics.events`');
    expect(rows).toEqual([{ n: warehouse.rows.length }]);
  });
});

describe('read-only fake BigQuery (the default) is unchanged', () => {
  it('answers 404 for CREATE TABLE of a missing table, refuses writes and reports every job as a SELECT', async () => {
    const own = await createTinyWarehouse();
    const readOnly = await FakeBigQuery.start({ duckdbPath: own.path, pendingPolls: 0 });
    const client = fakeBigQueryClient(readOnly);
    try {
      const create = client.createQueryJob({ query: CREATE_CLAIMS, useLegacySql: false });
      expect(await apiError(create)).toMatchObject({ code: 404, reason: 'notFound' });
      const insert = client.createQueryJob({ query: "INSERT INTO `test-project.analytics.events` (org_id) VALUES ('x')", useLegacySql: false });
      expect(await apiError(insert)).toMatchObject({ code: 400, reason: 'invalidQuery' });
      const [job] = await client.createQueryJob({ query: 'SELECT COUNT(*) AS n FROM `test-project.analytics.events`', useLegacySql: false });
      expect(job.metadata.statistics.query.statementType).toBe('SELECT');
      expect((await job.getQueryResults())[0]).toEqual([{ n: own.rows.length }]);
    } finally {
      await readOnly.stop();
      await own.remove();
    }
  });
});
