import { BigQueryApiError, notFound } from './api-error.js';
import type { TableRef } from './catalog.js';
import { encodeRow, type SchemaField } from './result-encoding.js';
import type { QueryResult } from './sql-engine.js';
import type { StatementType } from './statements.js';
import type { JobState, JobSummary } from './types.js';

/** One query job as the fake remembers it. */
export interface FakeJob {
  readonly projectId: string;
  readonly jobId: string;
  readonly location: string;
  readonly sql: string;
  readonly dryRun: boolean;
  /** The request's configuration, echoed back like BigQuery does. */
  readonly configuration: Record<string, unknown>;
  readonly bytes: number;
  /** Present once executed (never for a dry run). */
  readonly result?: QueryResult;
  /** The dry run's schema, from preparing the statement (SELECT only). */
  readonly dryRunSchema?: readonly SchemaField[];
  /** Always SELECT for a read-only fake. */
  readonly statementType: StatementType;
  /** CREATE TABLE / DROP TABLE: what was done to which table. */
  readonly ddl?: { readonly operation: string; readonly table: TableRef };
  state: JobState;
  cancelled: boolean;
  pollsLeft: number;
}

const CANCELLED = { reason: 'stopped', message: 'Job execution was cancelled: User requested cancellation' };

export class JobStore {
  private readonly jobs = new Map<string, FakeJob>();

  add(job: FakeJob): void {
    this.assertNew(job);
    this.jobs.set(job.jobId, job);
  }

  /** Also checked before a statement runs, so a reused job id never runs DML twice. */
  assertNew(job: Pick<FakeJob, 'projectId' | 'location' | 'jobId'>): void {
    if (this.jobs.has(job.jobId)) throw new BigQueryApiError(409, 'duplicate', `Already Exists: Job ${job.projectId}:${job.location}.${job.jobId}`);
  }

  get(projectId: string, jobId: string): FakeJob {
    const job = this.jobs.get(jobId);
    // BigQuery keeps no job for a dry run: fetching its id later finds nothing.
    if (job === undefined || job.projectId !== projectId || job.dryRun) throw notFound(`Not found: Job ${projectId}:${jobId}`);
    return job;
  }

  summaries(): JobSummary[] {
    return [...this.jobs.values()].map(({ jobId, state, cancelled, dryRun, sql }) => ({ jobId, state, cancelled, dryRun, sql }));
  }
}

export function jobReference(job: FakeJob): { projectId: string; jobId: string; location: string } {
  return { projectId: job.projectId, jobId: job.jobId, location: job.location };
}

/** The Job resource (jobs.insert, jobs.get, jobs.cancel). Byte counts are int64, so strings. */
export function jobResource(job: FakeJob): Record<string, unknown> {
  const bytes = String(job.bytes);
  return {
    kind: 'bigquery#job',
    id: `${job.projectId}:${job.location}.${job.jobId}`,
    jobReference: jobReference(job),
    configuration: { ...job.configuration, jobType: 'QUERY' },
    status: job.cancelled ? { state: job.state, errorResult: CANCELLED, errors: [CANCELLED] } : { state: job.state },
    statistics: {
      totalBytesProcessed: bytes,
      query: {
        totalBytesProcessed: bytes,
        cacheHit: false,
        statementType: job.statementType,
        ...(job.dryRunSchema === undefined ? {} : { schema: { fields: job.dryRunSchema } }),
        ...(finished(job) ? dmlCounts(job) : {}),
        ...(finished(job) && job.ddl !== undefined ? { ddlOperationPerformed: job.ddl.operation, ddlTargetTable: job.ddl.table } : {}),
      },
    },
  };
}

export interface PageRequest {
  readonly maxResults?: number;
  readonly pageToken?: string;
  readonly startIndex?: number;
  readonly int64Timestamp: boolean;
}

/**
 * One getQueryResults answer. A job still running answers jobComplete:false with no
 * schema or rows; the client then hands back `nextQuery` equal to the options it was
 * given, so callers must poll in a bounded loop.
 */
export function resultsResponse(job: FakeJob, page: PageRequest): Record<string, unknown> {
  const base = { kind: 'bigquery#getQueryResultsResponse', jobReference: jobReference(job) };
  if (job.cancelled) throw new BigQueryApiError(400, CANCELLED.reason, CANCELLED.message);
  if (job.state !== 'DONE' || job.result === undefined) return { ...base, jobComplete: false };
  // DDL and DML: no schema, no rows, no totalRows; DML adds its counts.
  if (job.statementType !== 'SELECT') return { ...base, jobComplete: true, totalBytesProcessed: String(job.bytes), cacheHit: false, ...dmlCounts(job) };
  const { fields, rows } = job.result;
  const start = page.pageToken === undefined ? (page.startIndex ?? 0) : decodePageToken(job, page.pageToken);
  const end = page.maxResults === undefined ? rows.length : Math.min(rows.length, start + page.maxResults);
  const encoded = rows.slice(start, end).map((row) => encodeRow(fields, row, { int64Timestamp: page.int64Timestamp }));
  return {
    ...base,
    jobComplete: true,
    schema: { fields },
    totalRows: String(rows.length),
    totalBytesProcessed: String(job.bytes),
    cacheHit: false,
    ...(encoded.length > 0 ? { rows: encoded } : {}),
    ...(end < rows.length ? { pageToken: encodePageToken(job, end) } : {}),
  };
}

function finished(job: FakeJob): boolean {
  return job.state === 'DONE' && !job.cancelled && job.result !== undefined;
}

const DML_STATS_KEY: Partial<Record<StatementType, string>> = { INSERT: 'insertedRowCount', UPDATE: 'updatedRowCount', DELETE: 'deletedRowCount' };

/**
 * numDmlAffectedRows (int64, so a decimal string) and dmlStats. A MERGE's one DuckDB
 * count cannot be split into inserted/updated/deleted, so a MERGE has no dmlStats.
 */
function dmlCounts(job: FakeJob): Record<string, unknown> {
  const count = job.result?.affectedRows;
  if (count === undefined) return {};
  const key = DML_STATS_KEY[job.statementType];
  return { numDmlAffectedRows: String(count), ...(key === undefined ? {} : { dmlStats: { [key]: String(count) } }) };
}

/** Page tokens are opaque to the client; these name the job so a stray token is caught. */
function encodePageToken(job: FakeJob, offset: number): string {
  return Buffer.from(`${job.jobId}@${offset}`).toString('base64url');
}

function decodePageToken(job: FakeJob, token: string): number {
  const match = /^(.*)@(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (match === null || match[1] !== job.jobId) throw new BigQueryApiError(400, 'invalid', `Invalid page token: ${token}`);
  return Number(match[2]);
}
