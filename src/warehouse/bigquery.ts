import { BigQuery, type Job, type Query } from '@google-cloud/bigquery';
import { PassThroughClient } from 'google-auth-library';
import pRetry from 'p-retry';
import type { BigQueryConfig } from '../config/schema.js';
import { WarehouseError } from '../errors.js';
import { isTransient, toWarehouseError } from './bigquery-errors.js';
import { toBigQueryParams } from './bigquery-params.js';
import { DialectError, renderSql } from './dialect.js';
import { emulatorFromEnv } from './emulator-host.js';
import { jobLabels } from './job-labels.js';
import { normalizeBigQueryRow } from './normalize-bigquery.js';
import type { QueryEstimate, QueryParams, QueryRequest, Row, TableMap, Warehouse } from './types.js';

export interface BigQueryWarehouseOptions {
  readonly config: BigQueryConfig;
  readonly tables: TableMap;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
}

/**
 * BigQuery through @google-cloud/bigquery with Application Default Credentials. With
 * BIGQUERY_EMULATOR_HOST set, it talks to that endpoint without credentials, as
 * emulators expect. Every job carries maximumBytesBilled, a timeout and labels; the
 * client's own retries are off so that ours (bounded, transient errors only) are the
 * only ones, and a job that outlives the timeout is cancelled, not abandoned.
 */
export function openBigQueryWarehouse(options: BigQueryWarehouseOptions): BigQueryWarehouse {
  const { config, env } = options;
  const emulator = emulatorFromEnv(env);
  const endpoint = config.apiEndpoint ?? emulator;
  const client = new BigQuery({
    projectId: config.project,
    location: config.location,
    autoRetry: false,
    ...(endpoint === undefined ? {} : { apiEndpoint: endpoint }),
    ...(emulator !== undefined ? { authClient: new PassThroughClient() } : {}),
  });
  return new BigQueryWarehouse(client, options);
}

export class BigQueryWarehouse implements Warehouse {
  readonly engine = 'bigquery' as const;
  readonly description: string;

  constructor(
    private readonly client: BigQuery,
    private readonly options: BigQueryWarehouseOptions,
  ) {
    this.description = `BigQuery project ${options.config.project} (${options.config.location})`;
  }

  async query(request: QueryRequest): Promise<Row[]> {
    return this.runRendered(`sql/${request.name}`, this.render(request), request.params, request.labels);
  }

  /**
   * Runs SQL that is already BigQuery-ready (tables resolved): the state store uses it
   * for its own tables, with the same byte cap, labels, retries and timeout as queries.
   */
  async runRendered(name: string, sql: string, params: QueryParams, labels: Readonly<Record<string, string>>): Promise<Row[]> {
    const what = `${name} on BigQuery`;
    const job = await this.retrying(what, async () => (await this.client.createQueryJob(this.jobOptions(sql, params, labels, false)))[0]);
    return this.readResults(job, what);
  }

  async estimate(request: QueryRequest): Promise<QueryEstimate> {
    const what = `sql/${request.name} dry run on BigQuery`;
    const sql = this.render(request);
    const job = await this.retrying(what, async () => (await this.client.createQueryJob(this.jobOptions(sql, request.params, request.labels, true)))[0]);
    const bytes = Number(job.metadata?.statistics?.totalBytesProcessed ?? job.metadata?.statistics?.query?.totalBytesProcessed);
    if (!Number.isFinite(bytes)) throw new WarehouseError(`${what}: the dry run returned no totalBytesProcessed`, 'check the BigQuery API endpoint');
    return { bytes, maximumBytesBilled: this.options.config.maximumBytesBilled, pricePerTiB: this.options.config.pricePerTiB };
  }

  async close(): Promise<void> {
    // The client holds no open connections between requests.
  }

  private render(request: QueryRequest): string {
    try {
      return renderSql(request.sql, 'bigquery', this.options.tables, request.params);
    } catch (error) {
      if (error instanceof DialectError || error instanceof SyntaxError) {
        throw new WarehouseError(`sql/${request.name}: ${error.message}`, 'this is a bug in the SQL file; please report it');
      }
      throw error;
    }
  }

  private jobOptions(sql: string, params: QueryParams, labels: Readonly<Record<string, string>>, dryRun: boolean): Query {
    const { config } = this.options;
    return {
      query: sql,
      ...toBigQueryParams(params),
      useLegacySql: false,
      location: config.location,
      maximumBytesBilled: String(config.maximumBytesBilled),
      jobTimeoutMs: config.jobTimeoutMs,
      labels: jobLabels({ ...config.labels, ...labels }),
      dryRun,
    } as Query;
  }

  /** Polls until the job completes, then reads every page; cancels the job at the deadline. */
  private async readResults(job: Job, what: string): Promise<Row[]> {
    const { config } = this.options;
    const deadline = Date.now() + config.jobTimeoutMs;
    const rows: Row[] = [];
    let pageToken: string | undefined;
    while (Date.now() <= deadline) {
      const [pageRows, , response] = await this.retrying(what, () =>
        job.getQueryResults({ autoPaginate: false, maxResults: config.pageSize, wrapIntegers: true, ...(pageToken ? { pageToken } : {}) }),
      );
      if (response?.jobComplete === false) {
        await sleep(Math.min(config.pollIntervalMs, Math.max(0, deadline - Date.now())));
        continue;
      }
      for (const row of pageRows) rows.push(normalizeBigQueryRow(row as Record<string, unknown>));
      pageToken = response?.pageToken ?? undefined;
      if (!pageToken) return rows;
    }
    await this.cancel(job);
    throw new WarehouseError(
      `${what}: job ${job.id ?? '?'} did not finish within ${config.jobTimeoutMs} ms and was cancelled`,
      'raise bigquery.jobTimeoutMs, or look at the job in the BigQuery console',
    );
  }

  private async cancel(job: Job): Promise<void> {
    try {
      await job.cancel();
    } catch (error) {
      this.options.log(`could not cancel BigQuery job ${job.id ?? '?'}: ${toWarehouseError(error, 'cancel').message}`);
    }
  }

  /** Bounded exponential backoff for transient failures; anything else fails at once. */
  private retrying<T>(what: string, task: () => Promise<T>): Promise<T> {
    const { retry } = this.options.config;
    return pRetry(task, {
      retries: retry.attempts - 1,
      minTimeout: retry.minDelayMs,
      maxTimeout: retry.maxDelayMs,
      factor: 2,
      randomize: true,
      shouldRetry: ({ error }) => isTransient(error),
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (isTransient(error) && retriesLeft > 0) {
          this.options.log(`${what}: transient failure (attempt ${attemptNumber} of ${retry.attempts}), retrying: ${toWarehouseError(error, what).message}`);
        }
      },
    }).catch((error: unknown) => {
      throw toWarehouseError(error, what);
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
