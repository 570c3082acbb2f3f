import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBigQueryClient } from '../helpers/fake-bigquery/client.js';
import { collectResults } from '../helpers/fake-bigquery/poll-results.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { createTinyWarehouse, type TinyWarehouse } from '../helpers/fake-bigquery/tiny-warehouse.js';

let warehouse: TinyWarehouse;
let fake: FakeBigQuery;

beforeAll(async () => {
  warehouse = await createTinyWarehouse();
  fake = await FakeBigQuery.start({ duckdbPath: warehouse.path });
});

afterAll(async () => {
  await fake?.stop();
  await warehouse?.remove();
});

describe('requests recorded from the real client', () => {
  it('shows the jobs.insert body and the getQueryResults query string the monitor depends on', async () => {
    const [job] = await fakeBigQueryClient(fake).createQueryJob({
      query: 'SELECT COUNT(*) AS n FROM `test-project.analytics.events` WHERE dt >= @start AND org_id IN (SELECT * FROM UNNEST(@orgs)) AND n > @min_n',
      params: { start: BigQuery.date('2026-03-05'), orgs: ['org_a', 'org_b'], min_n: 3 },
      types: { start: 'DATE', orgs: ['STRING'], min_n: 'INT64' },
      useLegacySql: false,
      location: 'US',
      maximumBytesBilled: '1000000000',
      labels: { app: 'monitor', domain: 'usage' },
      jobTimeoutMs: 60_000,
    });
    await collectResults(job, { maxResults: 10 });

    const [insert, ...polls] = fake.requests;
    expect(insert).toMatchObject({ method: 'POST', route: 'insert', path: '/bigquery/v2/projects/test-project/jobs', query: { prettyPrint: 'false' } });
    expect(insert?.body.jobReference).toEqual({ projectId: 'test-project', jobId: job.id, location: 'US' });
    expect(insert?.body.configuration).toMatchObject({ labels: { app: 'monitor', domain: 'usage' }, jobTimeoutMs: '60000' });
    expect(insert?.body.configuration.query).toMatchObject({
      useLegacySql: false,
      parameterMode: 'named',
      maximumBytesBilled: '1000000000',
      queryParameters: [
        { name: 'start', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-03-05' } },
        { name: 'orgs', parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } }, parameterValue: { arrayValues: [{ value: 'org_a' }, { value: 'org_b' }] } },
        { name: 'min_n', parameterType: { type: 'INT64' }, parameterValue: { value: 3 } },
      ],
    });
    // No token: PassThroughClient adds no Authorization header.
    expect(insert?.headers['authorization']).toBeUndefined();
    expect(insert?.headers['user-agent']).toMatch(/^gcloud-node-bigquery\//);

    expect(polls.length).toBeGreaterThanOrEqual(2);
    for (const poll of polls) {
      expect(poll).toMatchObject({
        method: 'GET',
        route: 'getQueryResults',
        path: `/bigquery/v2/projects/test-project/queries/${job.id}`,
        query: { location: 'US', maxResults: '10', 'formatOptions.useInt64Timestamp': 'true', prettyPrint: 'false' },
      });
    }
  });

  it('records cancel and get with their paths', async () => {
    const [job] = await fakeBigQueryClient(fake).createQueryJob({ query: 'SELECT 1 AS one', useLegacySql: false, location: 'US' });
    await job.getMetadata();
    await job.cancel();
    const tail = fake.requests.slice(-2).map(({ method, route, path, query }) => ({ method, route, path, query }));
    expect(tail).toEqual([
      { method: 'GET', route: 'get', path: `/bigquery/v2/projects/test-project/jobs/${job.id}`, query: { location: 'US', prettyPrint: 'false' } },
      { method: 'POST', route: 'cancel', path: `/bigquery/v2/projects/test-project/jobs/${job.id}/cancel`, query: { location: 'US', prettyPrint: 'false' } },
    ]);
  });
});
