import type { IsoDate } from '../dates/iso-date.js';
import type { LogicalTable } from '../config/schema.js';

/** Query parameters, typed the way BigQuery wants them; DuckDB binds the same types. */
export type QueryParam =
  | { readonly type: 'DATE'; readonly value: IsoDate }
  | { readonly type: 'INT64'; readonly value: number }
  | { readonly type: 'FLOAT64'; readonly value: number }
  | { readonly type: 'STRING'; readonly value: string }
  | { readonly type: 'BOOL'; readonly value: boolean }
  | { readonly type: 'ARRAY<STRING>'; readonly value: readonly string[] }
  | { readonly type: 'ARRAY<DATE>'; readonly value: readonly IsoDate[] };

export type QueryParams = Readonly<Record<string, QueryParam>>;

/** What every engine's rows become: the stats core never sees engine types. */
export type Scalar = string | number | boolean | null;
export type Row = Readonly<Record<string, Scalar>>;

export interface QueryRequest {
  /** The SQL file's name, for errors and job labels. */
  readonly name: string;
  /** BigQuery Standard SQL, tables written as `logical_name` in backticks. */
  readonly sql: string;
  readonly params: QueryParams;
  /** Labels for the job (BigQuery job labels; ignored by DuckDB). */
  readonly labels: Readonly<Record<string, string>>;
}

/** What a dry run says a query would cost. */
export interface QueryEstimate {
  readonly bytes: number;
  readonly maximumBytesBilled: number;
  readonly pricePerTiB: number;
}

export interface Warehouse {
  readonly engine: 'duckdb' | 'bigquery';
  /** A human description of where the data is, for reports and errors. */
  readonly description: string;
  query(request: QueryRequest): Promise<Row[]>;
  /** A dry run: bytes scanned, without running. Only engines that bill by bytes have it. */
  estimate?(request: QueryRequest): Promise<QueryEstimate>;
  close(): Promise<void>;
}

export type TableMap = Readonly<Record<LogicalTable, string>>;
