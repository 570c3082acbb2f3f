/**
 * A fake BigQuery REST v2 server for tests (see server.ts). Typical use:
 *
 *   const fake = await FakeBigQuery.start({ duckdbPath });            // 127.0.0.1, random port
 *   const client = new BigQuery({ projectId: 'test-project', apiEndpoint: fake.url,
 *     authClient: new PassThroughClient(), autoRetry: false });       // or fakeBigQueryClient(fake)
 *   fake.inject({ route: 'insert', status: 503, reason: 'backendError' });
 *   … fake.requests, fake.jobs() …
 *   await fake.stop();
 *
 * Behaviour worth knowing:
 *  - SQL runs at jobs.insert; DuckDB errors answer 400 invalidQuery there, unknown tables
 *    404 notFound ("Not found: Table project:dataset.table was not found in location US").
 *  - Each job answers jobComplete:false `pendingPolls` times (default 1) before its rows.
 *  - A query parameter sent without a value is NULL, as in BigQuery: the client sends a
 *    DATE given as a plain string that way, so pass BigQuery.date('YYYY-MM-DD').
 *  - Table names must be qualified (dataset.table) unless defaultDataset is set.
 *  - maximumBytesBilled is enforced against the dry-run estimate (sql-engine.ts).
 *  - `writable: true` also runs DDL and DML (INSERT, UPDATE, DELETE, MERGE, CREATE/DROP
 *    TABLE), one job at a time; a dataset becomes a DuckDB schema (types.ts).
 */
export { FakeBigQuery } from './server.js';
export type { Fault, FaultRoute, FakeBigQueryOptions, JobState, JobSummary, RecordedRequest } from './types.js';
