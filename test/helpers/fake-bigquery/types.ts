/** The public surface of the fake BigQuery server: other tests code against these types. */

export interface FakeBigQueryOptions {
  /**
   * A DuckDB file holding the tables the SQL reads; opened read-only unless `writable`
   * (then a missing file is created, and ':memory:' works).
   */
  duckdbPath: string;
  /**
   * BigQuery table name as written in the SQL (`project.dataset.table`, no backticks) →
   * DuckDB table name, unquoted. Default: the last dotted part. A writable fake uses it
   * only for datasets that have no DuckDB schema of their own (see `writable`).
   */
  tableMap?: (bigQueryName: string) => string;
  /** getQueryResults answers with jobComplete:false this many times per job first; default 1. */
  pendingPolls?: number;
  /**
   * Default false: read-only, every job is a SELECT. When true the file is opened
   * read-write and jobs may also be INSERT, UPDATE, DELETE, MERGE (INTO optional),
   * CREATE [OR REPLACE] TABLE [IF NOT EXISTS] and DROP TABLE [IF EXISTS]:
   *  - a dataset is a DuckDB schema of the same name: `p.dataset.table` is
   *    "<db>"."dataset"."table". CREATE TABLE creates the schema (BigQuery would need the
   *    dataset to exist). A dataset with no schema falls back to `tableMap` over the
   *    tables of DuckDB's `main` schema, so fixture tables stay readable;
   *  - DDL and DML answer no schema and no rows; DML answers numDmlAffectedRows, and the
   *    job's statistics.query has statementType, numDmlAffectedRows / dmlStats or
   *    ddlOperationPerformed / ddlTargetTable;
   *  - jobs run one at a time in the order received; the statement runs at jobs.insert,
   *    so cancelling a DML job does not undo it.
   * Writes persist in the file: give each test run its own (temporary) file.
   */
  writable?: boolean;
}

export type FaultRoute = 'insert' | 'getQueryResults' | 'cancel' | 'get' | 'query';

export type Fault =
  /** Answer this Google API error for the next `times` (default 1) requests on the route. */
  | { route: FaultRoute; status: number; reason: string; message?: string; times?: number }
  /** From now on every getQueryResults (and jobs.query) answers jobComplete:false. */
  | { route: 'getQueryResults'; hang: true }
  /** Destroy the socket without answering, for the next `times` (default 1) requests. */
  | { route: FaultRoute; dropConnection: true; times?: number };

export interface RecordedRequest {
  method: string;
  route: FaultRoute | 'unknown';
  /** The URL path without the query string, e.g. /bigquery/v2/projects/p/jobs. */
  path: string;
  query: Record<string, string>;
  /**
   * The parsed JSON body (undefined when empty). `any` on purpose: tests dig into the
   * client's request shape (body.configuration.query.queryParameters…) without casts.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export type JobState = 'PENDING' | 'RUNNING' | 'DONE';

export interface JobSummary {
  jobId: string;
  state: JobState;
  cancelled: boolean;
  dryRun: boolean;
  /** The SQL as received (BigQuery dialect). */
  sql: string;
}
