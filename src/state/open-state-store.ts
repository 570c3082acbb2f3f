import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { monitorHome } from '../warehouse/demo-warehouse.js';
import { openDuckDBStateExecutor } from './duckdb-state-executor.js';
import { StateStore } from './state-store.js';

export interface OpenStateOptions {
  readonly config: Config;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
  readonly now: () => Date;
}

/** state.dataset → tables in that BigQuery dataset; otherwise a local DuckDB file (state.path or $MONITOR_HOME/state.duckdb). */
export async function openStateStore(options: OpenStateOptions): Promise<StateStore> {
  const { config } = options;
  if (config.state.dataset !== undefined) {
    if (config.bigquery === undefined) throw new ConfigError('config: state.dataset needs a bigquery: section', 'add bigquery: { project: … }');
    // Loaded only for BigQuery state, as in openWarehouse: embedded runs skip the client's start-up cost.
    const { openBigQueryWarehouse } = await import('../warehouse/bigquery.js');
    const { bigQueryStateExecutor } = await import('./bigquery-state-executor.js');
    const warehouse = openBigQueryWarehouse({ config: config.bigquery, tables: config.tables, env: options.env, log: options.log });
    return StateStore.open(bigQueryStateExecutor(warehouse, config.state.dataset), options.now);
  }
  const path = config.state.path ?? join(monitorHome(options.env), 'state.duckdb');
  return StateStore.open(await openDuckDBStateExecutor(path, { lockTimeoutMs: config.state.lockTimeoutMs, log: options.log }), options.now);
}
