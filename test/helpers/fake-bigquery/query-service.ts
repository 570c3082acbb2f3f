import { BigQueryApiError, invalidQuery } from './api-error.js';
import type { FaultBook } from './faults.js';
import { jobResource, resultsResponse, type FakeJob, type JobStore, type PageRequest } from './jobs.js';
import { parseQueryParameters } from './query-params.js';
import type { QueryContext, SqlEngine } from './sql-engine.js';

/** The fields of a query configuration the fake acts on (jobs.insert and jobs.query share them). */
interface QueryConfig {
  query?: unknown;
  useLegacySql?: unknown;
  queryParameters?: unknown;
  parameterMode?: unknown;
  maximumBytesBilled?: unknown;
  defaultDataset?: { projectId?: string; datasetId: string };
}

interface NewJob {
  readonly projectId: string;
  readonly jobId: string;
  readonly location: string;
  readonly query: QueryConfig;
  readonly dryRun: boolean;
  readonly configuration: Record<string, unknown>;
}

/** The BigQuery semantics behind each route; the HTTP plumbing lives in server.ts. */
export class QueryService {
  private generatedIds = 0;
  /** A writable fake runs whole jobs one at a time, in the order received. */
  private serial: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: SqlEngine,
    private readonly store: JobStore,
    private readonly faults: FaultBook,
    private readonly pendingPolls: number,
  ) {}

  /** jobs.insert. SQL errors surface here with HTTP 400, as BigQuery does for syntax errors. */
  async insert(projectId: string, body: unknown): Promise<Record<string, unknown>> {
    const request = (body ?? {}) as { configuration?: Record<string, unknown>; jobReference?: { jobId?: string; location?: string } };
    const configuration = request.configuration ?? {};
    const job = await this.createJob({
      projectId,
      jobId: request.jobReference?.jobId ?? this.nextJobId(),
      location: request.jobReference?.location ?? 'US',
      query: (configuration['query'] ?? {}) as QueryConfig,
      dryRun: configuration['dryRun'] === true,
      configuration,
    });
    return jobResource(job);
  }

  /** jobs.query: a job plus its first results page in one call. */
  async query(projectId: string, body: unknown): Promise<Record<string, unknown>> {
    const request = (body ?? {}) as QueryConfig & {
      location?: string;
      dryRun?: boolean;
      labels?: unknown;
      maxResults?: number;
      formatOptions?: { useInt64Timestamp?: boolean };
    };
    const { query, useLegacySql, queryParameters, parameterMode, maximumBytesBilled, defaultDataset } = request;
    const queryConfig = { query, useLegacySql, queryParameters, parameterMode, maximumBytesBilled, defaultDataset };
    const job = await this.createJob({
      projectId,
      jobId: this.nextJobId(),
      location: request.location ?? 'US',
      query: queryConfig,
      dryRun: request.dryRun === true,
      configuration: { query: queryConfig, ...(request.labels === undefined ? {} : { labels: request.labels }) },
    });
    if (job.dryRun) {
      return { kind: 'bigquery#queryResponse', jobComplete: true, totalBytesProcessed: String(job.bytes), schema: { fields: job.dryRunSchema ?? [] } };
    }
    const page = {
      int64Timestamp: request.formatOptions?.useInt64Timestamp === true,
      ...(request.maxResults === undefined ? {} : { maxResults: request.maxResults }),
    };
    return { ...this.poll(job, page), kind: 'bigquery#queryResponse' };
  }

  /** jobs.getQueryResults: the first `pendingPolls` calls, or all while hung, find the job running. */
  getQueryResults(projectId: string, jobId: string, query: Record<string, string>): Record<string, unknown> {
    const job = this.store.get(projectId, jobId);
    const page: PageRequest = {
      int64Timestamp: query['formatOptions.useInt64Timestamp'] === 'true',
      ...optionalInteger('maxResults', query['maxResults']),
      ...optionalInteger('startIndex', query['startIndex']),
      ...(query['pageToken'] === undefined ? {} : { pageToken: query['pageToken'] }),
    };
    return this.poll(job, page);
  }

  cancel(projectId: string, jobId: string): Record<string, unknown> {
    const job = this.store.get(projectId, jobId);
    if (job.state !== 'DONE') job.cancelled = true;
    job.state = 'DONE';
    return { kind: 'bigquery#jobCancelResponse', job: jobResource(job) };
  }

  get(projectId: string, jobId: string): Record<string, unknown> {
    return jobResource(this.store.get(projectId, jobId));
  }

  private poll(job: FakeJob, page: PageRequest): Record<string, unknown> {
    if (job.state !== 'DONE' && !job.cancelled && !this.faults.hang) {
      if (job.pollsLeft > 0) job.pollsLeft -= 1;
      else job.state = 'DONE';
    }
    return resultsResponse(job, page);
  }

  /**
   * Writable: translate and run each job only after the previous one finished, as BigQuery
   * serialises DML on a table (and so the next job sees the tables a CREATE TABLE made).
   */
  private createJob(spec: NewJob): Promise<FakeJob> {
    if (!this.engine.writable) return this.createJobNow(spec);
    const job = this.serial.then(() => this.createJobNow(spec));
    this.serial = job.catch(() => undefined);
    return job;
  }

  private async createJobNow(spec: NewJob): Promise<FakeJob> {
    const { query } = spec;
    if (typeof query.query !== 'string' || query.query.trim() === '') throw new BigQueryApiError(400, 'invalid', 'Query text is required');
    // The REST API defaults useLegacySql to true; the monitor must always send false.
    if (query.useLegacySql !== false) throw invalidQuery('The fake BigQuery runs Standard SQL only: send useLegacySql: false');
    const params = parseQueryParameters(query.queryParameters, query.parameterMode);
    const context: QueryContext = {
      projectId: spec.projectId,
      location: spec.location,
      ...(query.defaultDataset === undefined ? {} : { defaultDataset: query.defaultDataset }),
    };
    const translated = this.engine.translate(query.query, params, context);
    if (!spec.dryRun) this.store.assertNew(spec);
    const base = {
      projectId: spec.projectId,
      jobId: spec.jobId,
      location: spec.location,
      sql: query.query,
      configuration: spec.configuration,
      statementType: translated.statement,
      ...(translated.ddl === undefined ? {} : { ddl: { operation: translated.ddl.operation, table: translated.ddl.table } }),
    };
    let job: FakeJob;
    if (spec.dryRun) {
      const dryRunSchema = await this.engine.validate(translated);
      const bytes = await this.engine.estimateBytes(translated);
      job = { ...base, dryRun: true, bytes, ...(dryRunSchema === undefined ? {} : { dryRunSchema }), state: 'DONE', cancelled: false, pollsLeft: 0 };
    } else {
      const result = await this.engine.run(translated);
      const bytes = await this.engine.estimateBytes(translated);
      enforceBytesLimit(query.maximumBytesBilled, bytes);
      const running = this.pendingPolls > 0 || this.faults.hang;
      job = { ...base, dryRun: false, bytes, result, state: running ? 'RUNNING' : 'DONE', cancelled: false, pollsLeft: this.pendingPolls };
    }
    this.store.add(job);
    return job;
  }

  private nextJobId(): string {
    this.generatedIds += 1;
    return `job_fake_${this.generatedIds}`;
  }
}

/** BigQuery fails a job whose estimate exceeds maximumBytesBilled (an int64: number or string). */
function enforceBytesLimit(maximumBytesBilled: unknown, bytes: number): void {
  if (maximumBytesBilled === undefined || maximumBytesBilled === null) return;
  const limit = Number(maximumBytesBilled);
  if (!Number.isFinite(limit)) throw new BigQueryApiError(400, 'invalid', `Invalid maximumBytesBilled: ${String(maximumBytesBilled)}`);
  if (bytes > limit) {
    throw new BigQueryApiError(400, 'bytesBilledLimitExceeded', `Query exceeded limit for bytes billed: ${limit}. ${bytes} or higher required.`);
  }
}

function optionalInteger<K extends string>(key: K, text: string | undefined): Partial<Record<K, number>> {
  if (text === undefined) return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new BigQueryApiError(400, 'invalid', `Invalid value for ${key}: ${text}`);
  return { [key]: value } as Partial<Record<K, number>>;
}
