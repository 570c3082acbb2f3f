import { BigQuery, BigQueryDate, BigQueryInt, BigQueryTimestamp } from '@google-cloud/bigquery';
import { PassThroughClient } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import { fakeBigQueryClient } from '../helpers/fake-bigquery/client.js';
import { collectResults } from '../helpers/fake-bigquery/poll-results.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { createTinyWarehouse, type EventRow, type TinyWarehouse } from '../helpers/fake-bigquery/tiny-warehouse.js';

const EVENTS_SQL = `
SELECT dt, org_id, n, amount, ratio, flag, seen_at, note, [org_id, 'x'] AS tags
FROM \`test-project.analytics.events\`
WHERE dt BETWEEN @start AND @end AND n >= @min_n
  -- Not \`IN UNNEST(@orgs)\`: DuckDB rejects UNNEST in WHERE and dialect.ts does not rewrite it.
  AND org_id IN (SELECT * FROM UNNEST(@orgs))
ORDER BY n`;

let warehouse: TinyWarehouse;
let fake: FakeBigQuery;
let bigquery: BigQuery;

beforeAll(async () => {
  warehouse = await createTinyWarehouse();
  fake = await FakeBigQuery.start({ duckdbPath: warehouse.path, pendingPolls: 2 });
  bigquery = fakeBigQueryClient(fake);
});

afterAll(async () => {
  await fake?.stop();
  await warehouse?.remove();
});

describe('fake BigQuery round trip through the real client', () => {
  it('binds DATE/INT64/STRING/ARRAY<STRING> params and pages typed rows after polling', async () => {
    const [start, end] = [isoDate('2026-03-03'), isoDate('2026-03-15')];
    const orgs = ['org_a', 'org_c'];
    const [job] = await bigquery.createQueryJob({
      query: EVENTS_SQL,
      // DATE values must be BigQueryDate: a plain string is sent with no value (see below).
      params: { start: BigQuery.date(start), end: BigQuery.date(end), min_n: 5, orgs },
      types: { start: 'DATE', end: 'DATE', min_n: 'INT64', orgs: ['STRING'] },
      useLegacySql: false,
      location: 'US',
    });
    const { rows, pages, pendingAnswers } = await collectResults(job, { maxResults: 4 });

    const expected = warehouse.rows.filter((r) => r.dt >= start && r.dt <= end && r.n >= 5 && orgs.includes(r.org_id));
    expect(expected.length).toBeGreaterThan(4);
    expect(pendingAnswers).toBe(2);
    expect(pages).toBe(Math.ceil(expected.length / 4));
    expect(rows.map(plain)).toEqual(expected.map(expectedPlain));

    const first = rows[0] as Record<string, unknown>;
    expect(first['dt']).toBeInstanceOf(BigQueryDate);
    expect(typeof first['n']).toBe('number');
    expect(first['amount']?.constructor.name).toBe('Big');
    expect(first['seen_at']).toBeInstanceOf(BigQueryTimestamp);
    expect(typeof first['flag']).toBe('boolean');
    expect(fake.jobs().find((j) => j.jobId === job.id)).toMatchObject({ state: 'DONE', cancelled: false, dryRun: false });
  });

  it('keeps INT64 beyond 2^53 exact only when the client is asked to wrapIntegers', async () => {
    const [job] = await bigquery.createQueryJob({ query: 'SELECT 9007199254740993 AS big, x + 1, 2.5 AS ratio FROM (SELECT 1 AS x)', useLegacySql: false });
    const plainRows = (await collectResults(job, {})).rows;
    const wrapped = (await collectResults(job, { wrapIntegers: true })).rows;
    // Number('9007199254740993') rounds: the client's default INT64 parsing is lossy.
    expect(plainRows[0]).toMatchObject({ big: 9007199254740992, f0_: 2 });
    expect(wrapped[0]?.['big']).toBeInstanceOf(BigQueryInt);
    expect((wrapped[0]?.['big'] as BigQueryInt).value).toBe('9007199254740993');
    // DuckDB types 2.5 as DECIMAL: it arrives as NUMERIC, i.e. a Big.
    expect(String(plainRows[0]?.['ratio'])).toBe('2.5');
  });

  it('reads a DATE sent as a plain string as NULL, as BigQuery does', async () => {
    const [job] = await bigquery.createQueryJob({
      query: 'SELECT @d IS NULL AS missing',
      params: { d: '2026-03-03' },
      types: { d: 'DATE' },
      useLegacySql: false,
    });
    const insert = fake.requests.filter((r) => r.route === 'insert').at(-1);
    expect(insert?.body.configuration.query.queryParameters[0]).toEqual({ name: 'd', parameterType: { type: 'DATE' }, parameterValue: {} });
    expect((await collectResults(job, {})).rows).toEqual([{ missing: true }]);
  });

  it('serves bigquery.query(), which uses jobs.query and then getQueryResults', async () => {
    const before = fake.requests.length;
    const [rows] = await bigquery.query({ query: 'SELECT org_id, COUNT(*) AS events FROM `analytics.events` GROUP BY org_id ORDER BY org_id', location: 'US' });
    expect(rows).toEqual(['org_a', 'org_b', 'org_c', 'org_d'].map((org_id) => ({ org_id, events: warehouse.rows.filter((r) => r.org_id === org_id).length })));
    const routes = fake.requests.slice(before).map((r) => r.route);
    expect(routes[0]).toBe('query');
    expect(routes.slice(1).every((route) => route === 'getQueryResults')).toBe(true);
  });

  it('accepts paths without /bigquery/v2 when the client uses BIGQUERY_EMULATOR_HOST', async () => {
    const saved = process.env['BIGQUERY_EMULATOR_HOST'];
    process.env['BIGQUERY_EMULATOR_HOST'] = fake.url;
    try {
      const client = new BigQuery({ projectId: 'test-project', authClient: new PassThroughClient(), autoRetry: false });
      const [job] = await client.createQueryJob({ query: 'SELECT COUNT(*) AS n FROM `analytics.events`', useLegacySql: false });
      expect((await collectResults(job, {})).rows).toEqual([{ n: warehouse.rows.length }]);
      expect(fake.requests.at(-1)?.path).toBe(`/projects/test-project/queries/${job.id}`);
    } finally {
      if (saved === undefined) delete process.env['BIGQUERY_EMULATOR_HOST'];
      else process.env['BIGQUERY_EMULATOR_HOST'] = saved;
    }
  });
});

/** Client values → comparable text, so the expectation is independent of the client's classes. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof BigQueryDate || value instanceof BigQueryTimestamp) out[key] = value.value;
    else if (value?.constructor.name === 'Big') out[key] = String(value);
    else out[key] = value;
  }
  return out;
}

function expectedPlain(row: EventRow): Record<string, unknown> {
  return {
    dt: row.dt,
    org_id: row.org_id,
    n: row.n,
    amount: String(Number(row.amount)), // Big prints without trailing zeros
    ratio: row.ratio,
    flag: row.flag,
    seen_at: timestampText(row.atMicros),
    note: row.note,
    tags: [row.org_id, 'x'],
  };
}

/** BigQueryTimestamp's text for int64 microseconds: ISO 8601 with nine fractional digits. */
function timestampText(micros: bigint): string {
  const seconds = new Date(Number(micros / 1000n)).toISOString().slice(0, 19);
  return `${seconds}.${String(micros % 1_000_000n).padStart(6, '0')}000Z`;
}
