import { BigQuery, type BigQuery as BigQueryClient } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import { fakeBigQueryClient } from '../helpers/fake-bigquery/client.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { EVENT_COLUMNS, createTinyWarehouse, type TinyWarehouse } from '../helpers/fake-bigquery/tiny-warehouse.js';

let warehouse: TinyWarehouse;
let fake: FakeBigQuery;
let bigquery: BigQueryClient;

beforeAll(async () => {
  warehouse = await createTinyWarehouse();
  fake = await FakeBigQuery.start({ duckdbPath: warehouse.path });
  bigquery = fakeBigQueryClient(fake);
});

afterAll(async () => {
  await fake?.stop();
  await warehouse?.remove();
});

interface DryRunMetadata {
  status: { state: string };
  statistics: { totalBytesProcessed: string; query: { totalBytesProcessed: string; schema: { fields: { name: string; type: string }[] } } };
}

async function dryRun(query: string, params?: Record<string, unknown>, types?: Record<string, string>): Promise<DryRunMetadata> {
  const [job] = await bigquery.createQueryJob({ query, params, types, useLegacySql: false, dryRun: true, location: 'US' });
  return job.metadata as DryRunMetadata;
}

describe('fake BigQuery dry runs', () => {
  it('estimates rows in the DATE-parameter window × columns × 8 bytes, as decimal strings', async () => {
    const [start, end] = [isoDate('2026-03-04'), isoDate('2026-03-09')];
    const metadata = await dryRun(
      'SELECT org_id, SUM(n) AS n FROM `test-project.analytics.events` WHERE dt BETWEEN @start AND @end GROUP BY org_id',
      { start: BigQuery.date(start), end: BigQuery.date(end) },
      { start: 'DATE', end: 'DATE' },
    );
    const windowRows = warehouse.rows.filter((r) => r.dt >= start && r.dt <= end).length;
    const expected = String(windowRows * EVENT_COLUMNS.length * 8);
    expect(Number(expected)).toBeGreaterThan(0);
    expect(metadata.status.state).toBe('DONE');
    expect(metadata.statistics.totalBytesProcessed).toBe(expected);
    expect(metadata.statistics.query.totalBytesProcessed).toBe(expected);
    expect(metadata.statistics.query.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['org_id', 'STRING'],
      ['n', 'INTEGER'], // DuckDB sums BIGINT into HUGEINT; BigQuery's SUM(INT64) is INT64
    ]);
  });

  it('counts every row of a table read without a DATE window', async () => {
    const metadata = await dryRun('SELECT COUNT(*) AS n FROM `test-project.analytics.events`');
    expect(metadata.statistics.totalBytesProcessed).toBe(String(warehouse.rows.length * EVENT_COLUMNS.length * 8));
  });

  it('does not execute: a query that fails only at run time passes its dry run', async () => {
    const sql = 'SELECT CAST(org_id AS INT64) AS broken FROM `test-project.analytics.events`';
    const metadata = await dryRun(sql);
    expect(metadata.status.state).toBe('DONE');
    await expect(bigquery.createQueryJob({ query: sql, useLegacySql: false })).rejects.toMatchObject({
      code: 400,
      errors: [expect.objectContaining({ reason: 'invalidQuery' })],
    });
    const dry = fake.jobs().find((job) => job.sql === sql && job.dryRun);
    expect(dry).toMatchObject({ state: 'DONE', cancelled: false });
  });

  it('still reports missing tables and syntax errors, as BigQuery validation does', async () => {
    await expect(dryRun('SELECT 1 FROM `test-project.analytics.nope`')).rejects.toMatchObject({ code: 404 });
    await expect(dryRun('SELEC 1')).rejects.toMatchObject({ code: 400 });
  });
});
