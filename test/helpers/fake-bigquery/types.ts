/** The public surface of the fake BigQuery server: other tests code against these types. */

export interface FakeBigQueryOptions {
  /** A DuckDB file holding the tables the SQL reads; opened read-only. */
  duckdbPath: string;
  /**
   * BigQuery table name as written in the SQL (`project.dataset.table`, no backticks) →
   * DuckDB table name, unquoted. Default: the last dotted part.
   */
  tableMap?: (bigQueryName: string) => string;
  /** getQueryResults answers with jobComplete:false this many times per job first; default 1. */
  pendingPolls?: number;
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
