import type { QueryParams, Row } from '../warehouse/types.js';

/** Runs one state statement (BigQuery SQL, backticked state tables) on the state's engine. */
export interface StateExecutor {
  readonly description: string;
  run(name: string, sql: string, params: QueryParams): Promise<Row[]>;
  close(): Promise<void>;
}
