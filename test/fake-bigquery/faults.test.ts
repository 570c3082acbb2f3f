import type { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBigQueryClient } from '../helpers/fake-bigquery/client.js';
import { collectResults } from '../helpers/fake-bigquery/poll-results.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { createTinyWarehouse, type TinyWarehouse } from '../helpers/fake-bigquery/tiny-warehouse.js';

const COUNT_SQL = 'SELECT COUNT(*) AS n FROM `test-project.analytics.events`';

let warehouse: TinyWarehouse;
let fake: FakeBigQuery;
let bigquery: BigQuery;

beforeAll(async () => {
  warehouse = await createTinyWarehouse();
  fake = await FakeBigQuery.start({ duckdbPath: warehouse.path });
  bigquery = fakeBigQueryClient(fake);
});

afterAll(async () => {
  await fake?.stop();
  await warehouse?.remove();
});

/** What the client's ApiError carries, read the way the monitor's error mapping would. */
async function apiError(work: Promise<unknown>): Promise<{ code: unknown; reason: unknown; message: string }> {
  const error = (await work.then(
    () => expect.unreachable('expected the client to reject'),
    (e: unknown) => e,
  )) as { code?: unknown; errors?: { reason?: unknown }[]; message: string; constructor: { name: string } };
  expect(error.constructor.name).toBe('ApiError');
  return { code: error.code, reason: error.errors?.[0]?.reason, message: error.message };
}

const countJob = () => bigquery.createQueryJob({ query: COUNT_SQL, useLegacySql: false });

describe('fake BigQuery faults and errors', () => {
  it('answers an injected 503 backendError once, then serves normally', async () => {
    fake.inject({ route: 'insert', status: 503, reason: 'backendError' });
    expect(await apiError(countJob())).toEqual({
      code: 503,
      reason: 'backendError',
      message: 'Error encountered during execution. Retrying may solve the problem.',
    });
    const [job] = await countJob();
    expect((await collectResults(job, {})).rows).toEqual([{ n: warehouse.rows.length }]);
  });

  it('repeats a getQueryResults fault `times` times with the given message', async () => {
    const [job] = await countJob();
    fake.inject({ route: 'getQueryResults', status: 429, reason: 'rateLimitExceeded', message: 'slow down', times: 2 });
    for (let i = 0; i < 2; i += 1) {
      expect(await apiError(job.getQueryResults({ autoPaginate: false }))).toEqual({ code: 429, reason: 'rateLimitExceeded', message: 'slow down' });
    }
    expect((await collectResults(job, {})).rows).toEqual([{ n: warehouse.rows.length }]);
  });

  it('rejects SQL DuckDB cannot run with 400 invalidQuery on insert, creating no job', async () => {
    const jobsBefore = fake.jobs().length;
    const error = await apiError(bigquery.createQueryJob({ query: 'SELEC 1', useLegacySql: false }));
    expect(error).toMatchObject({ code: 400, reason: 'invalidQuery' });
    expect(error.message).toMatch(/^Parser Error: syntax error at or near "SELEC"$/);
    expect(fake.jobs()).toHaveLength(jobsBefore);
  });

  it('reports an unknown table as 404 notFound in BigQuery wording', async () => {
    const error = await apiError(bigquery.createQueryJob({ query: 'SELECT * FROM `test-project.analytics.nope`', useLegacySql: false, location: 'EU' }));
    expect(error).toEqual({ code: 404, reason: 'notFound', message: 'Not found: Table test-project:analytics.nope was not found in location EU' });
  });

  it('rejects unqualified tables, unbound parameters and legacy SQL like BigQuery', async () => {
    expect(await apiError(bigquery.createQueryJob({ query: 'SELECT * FROM `events`', useLegacySql: false }))).toMatchObject({ code: 400, reason: 'invalidQuery' });
    expect(await apiError(bigquery.createQueryJob({ query: 'SELECT @missing', useLegacySql: false }))).toEqual({
      code: 400,
      reason: 'invalidQuery',
      message: "Query parameter 'missing' not found",
    });
    expect(await apiError(bigquery.createQueryJob({ query: COUNT_SQL, useLegacySql: true }))).toMatchObject({ code: 400, reason: 'invalidQuery' });
  });

  it('fails a job whose estimate exceeds maximumBytesBilled', async () => {
    const error = await apiError(bigquery.createQueryJob({ query: COUNT_SQL, useLegacySql: false, maximumBytesBilled: '100' }));
    expect(error).toMatchObject({ code: 400, reason: 'bytesBilledLimitExceeded' });
    expect(error.message).toMatch(/^Query exceeded limit for bytes billed: 100\. \d+ or higher required\.$/);
  });

  it('drops the connection without answering, then serves normally', async () => {
    fake.inject({ route: 'insert', dropConnection: true });
    await expect(countJob()).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(countJob()).resolves.toBeDefined();
  });

  it('hangs jobs until cancelled, and the cancelled job reports stopped', async () => {
    const hung = await FakeBigQuery.start({ duckdbPath: warehouse.path });
    try {
      const client = fakeBigQueryClient(hung);
      hung.inject({ route: 'getQueryResults', hang: true });
      const [job] = await client.createQueryJob({ query: COUNT_SQL, useLegacySql: false });
      await expect(collectResults(job, {}, 5)).rejects.toThrow(/not complete after 5/);
      expect(hung.jobs()).toEqual([expect.objectContaining({ jobId: job.id, state: 'RUNNING', cancelled: false })]);

      const [cancelled] = await job.cancel();
      expect(cancelled).toMatchObject({ kind: 'bigquery#jobCancelResponse', job: { status: { state: 'DONE' } } });
      expect(hung.jobs()).toEqual([expect.objectContaining({ jobId: job.id, state: 'DONE', cancelled: true })]);
      const [metadata] = await job.getMetadata();
      expect(metadata.status.errorResult).toMatchObject({ reason: 'stopped' });
      expect(await apiError(job.getQueryResults({ autoPaginate: false }))).toMatchObject({ code: 400, reason: 'stopped' });
    } finally {
      await hung.stop();
    }
  });
});
