import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { createTinyWarehouse, type TinyWarehouse } from '../helpers/fake-bigquery/tiny-warehouse.js';

let warehouse: TinyWarehouse;
let fake: FakeBigQuery;

beforeAll(async () => {
  warehouse = await createTinyWarehouse();
  fake = await FakeBigQuery.start({
    duckdbPath: warehouse.path,
    pendingPolls: 0,
    // A BigQuery table whose last part differs from the DuckDB one.
    tableMap: (name) => (name.endsWith('.renamed_events') ? 'events' : (name.split('.').pop() ?? name)),
  });
});

afterAll(async () => {
  await fake?.stop();
  await warehouse?.remove();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}/bigquery/v2${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function insert(jobId: string, query: string): Promise<void> {
  const { status } = await call('POST', '/projects/p/jobs', { configuration: { query: { query, useLegacySql: false } }, jobReference: { projectId: 'p', jobId } });
  expect(status).toBe(200);
}

describe('fake BigQuery wire format (raw HTTP)', () => {
  it('sends every value as a string, NULL as null, arrays as lists of {v}, and BigQuery schema types', async () => {
    const sql = `SELECT dt, n, amount, ratio, flag, seen_at, note, n + 1, CAST('NaN' AS DOUBLE) AS nan,
      CASE WHEN note IS NULL THEN NULL ELSE [org_id] END AS tags
      FROM \`p.d.renamed_events\` WHERE note IS NULL ORDER BY n LIMIT 1`;
    await insert('wire', sql);
    const { json } = await call('GET', '/projects/p/queries/wire?formatOptions.useInt64Timestamp=true');
    const row = warehouse.rows.find((r) => r.note === null);
    expect(json['schema']).toEqual({
      fields: [
        { name: 'dt', type: 'DATE', mode: 'NULLABLE' },
        { name: 'n', type: 'INTEGER', mode: 'NULLABLE' },
        { name: 'amount', type: 'NUMERIC', mode: 'NULLABLE' },
        { name: 'ratio', type: 'FLOAT', mode: 'NULLABLE' },
        { name: 'flag', type: 'BOOLEAN', mode: 'NULLABLE' },
        { name: 'seen_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
        { name: 'note', type: 'STRING', mode: 'NULLABLE' },
        { name: 'f0_', type: 'INTEGER', mode: 'NULLABLE' },
        { name: 'nan', type: 'FLOAT', mode: 'NULLABLE' },
        { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      ],
    });
    expect(json['rows']).toEqual([
      {
        f: [
          { v: row?.dt },
          { v: String(row?.n) },
          { v: row?.amount },
          { v: String(row?.ratio) },
          { v: String(row?.flag) },
          { v: String(row?.atMicros) },
          { v: null },
          { v: String((row?.n ?? 0) + 1) },
          { v: 'NaN' },
          { v: [] }, // BigQuery has no NULL arrays
        ],
      },
    ]);
    expect(json).toMatchObject({ jobComplete: true, totalRows: '1', jobReference: { projectId: 'p', jobId: 'wire', location: 'US' } });
  });

  it('sends TIMESTAMP as float seconds unless useInt64Timestamp is true', async () => {
    await insert('seconds', 'SELECT seen_at FROM `p.d.events` ORDER BY n LIMIT 1');
    const { json } = await call('GET', '/projects/p/queries/seconds');
    const micros = warehouse.rows[0]?.atMicros ?? 0n;
    expect(json['rows']).toEqual([{ f: [{ v: String(Number(micros) / 1e6) }] }]);
  });

  it('pages with opaque tokens and rejects a token from another job', async () => {
    await insert('paged', 'SELECT n FROM `p.d.events` ORDER BY n');
    const first = await call('GET', '/projects/p/queries/paged?maxResults=30');
    const token = String(first.json['pageToken']);
    const second = await call('GET', `/projects/p/queries/paged?maxResults=30&pageToken=${token}`);
    expect([first.json['rows'], second.json['rows']].map((rows) => (rows as unknown[]).length)).toEqual([30, warehouse.rows.length - 30]);
    expect(second.json['pageToken']).toBeUndefined();

    await insert('other', 'SELECT 1 AS one');
    const wrong = await call('GET', `/projects/p/queries/other?pageToken=${token}`);
    expect(wrong.status).toBe(400);
  });

  it('answers unknown jobs and URLs with Google JSON errors', async () => {
    expect(await call('GET', '/projects/p/queries/nope')).toEqual({
      status: 404,
      json: {
        error: {
          code: 404,
          message: 'Not found: Job p:nope',
          errors: [{ message: 'Not found: Job p:nope', domain: 'global', reason: 'notFound' }],
          status: 'NOT_FOUND',
        },
      },
    });
    expect((await call('GET', '/projects/p/datasets')).status).toBe(404);
    expect(fake.requests.at(-1)?.route).toBe('unknown');
  });
});
