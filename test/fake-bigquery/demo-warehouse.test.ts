import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BigQuery, BigQueryDate } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGICAL_TABLES, type LogicalTable } from '../../src/config/schema.js';
import { addDays, isoDate } from '../../src/dates/iso-date.js';
import { DEMO_HEAVY_MIN_TOKENS_28D, generateDemoWarehouse } from '../../src/demo/generate.js';
import { readSqlFile } from '../../src/domains/sql-file.js';
import { renderSql } from '../../src/warehouse/dialect.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { QueryParams, TableMap } from '../../src/warehouse/types.js';
import { fakeBigQueryClient } from '../helpers/fake-bigquery/client.js';
import { collectResults } from '../helpers/fake-bigquery/poll-results.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';

const END = isoDate('2026-03-31');
const BIGQUERY_TABLES = Object.fromEntries(LOGICAL_TABLES.map((t) => [t, `test-project.analytics.${t}`])) as Record<LogicalTable, string>;
const DUCKDB_TABLES = Object.fromEntries(LOGICAL_TABLES.map((t) => [t, t])) as TableMap;

let dir: string;
let path: string;
let fake: FakeBigQuery;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-bq-demo-'));
  path = join(dir, 'demo.duckdb');
  await generateDemoWarehouse(path, { seed: 42, days: 120, end: END });
  fake = await FakeBigQuery.start({ duckdbPath: path });
});

afterAll(async () => {
  await fake?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('fake BigQuery on the demo warehouse', () => {
  it('runs sql/usage.sql with project.dataset names and agrees with the embedded DuckDB engine', async () => {
    const [start, end] = [addDays(END, -20), END];
    const scanStart = addDays(start, -27);
    const params: QueryParams = {
      scan_start: { type: 'DATE', value: scanStart },
      start_date: { type: 'DATE', value: start },
      end_date: { type: 'DATE', value: end },
      heavy_min_tokens_28d: { type: 'INT64', value: DEMO_HEAVY_MIN_TOKENS_28D },
    };
    const sql = readSqlFile('usage.sql');

    const [job] = await fakeBigQueryClient(fake).createQueryJob({
      query: renderSql(sql, 'bigquery', BIGQUERY_TABLES, params),
      params: {
        scan_start: BigQuery.date(scanStart),
        start_date: BigQuery.date(start),
        end_date: BigQuery.date(end),
        heavy_min_tokens_28d: DEMO_HEAVY_MIN_TOKENS_28D,
      },
      types: { scan_start: 'DATE', start_date: 'DATE', end_date: 'DATE', heavy_min_tokens_28d: 'INT64' },
      useLegacySql: false,
      location: 'US',
    });
    const { rows, pages } = await collectResults(job, { maxResults: 40 });
    expect(pages).toBeGreaterThan(1);

    const embedded = await openDuckDBWarehouse(path, DUCKDB_TABLES);
    try {
      const expected = await embedded.query({ name: 'usage.sql', sql, params, labels: {} });
      expect(expected.length).toBeGreaterThan(0);
      expect(rows.map(scalars)).toEqual(expected);
    } finally {
      await embedded.close();
    }
  });
});

/** The client's typed values → the scalars the embedded engine returns. */
function scalars(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof BigQueryDate ? value.value : value]));
}
