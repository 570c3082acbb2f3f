import { WarehouseError } from '../errors.js';
import type { BigQueryWarehouse } from '../warehouse/bigquery.js';
import { rewriteSql } from '../warehouse/dialect.js';
import type { QueryParams, Row } from '../warehouse/types.js';
import type { StateExecutor } from './state-executor.js';
import { STATE_TABLES } from './state-sql.js';

/**
 * State as tables in a BigQuery dataset (state.dataset), for runs that have no durable
 * local disk. Each statement is one job with the warehouse's cap, labels and retries;
 * MERGE claims are atomic, so two racing runs cannot both own a digest.
 */
export function bigQueryStateExecutor(warehouse: BigQueryWarehouse, dataset: string): StateExecutor {
  const table = (name: string): string => {
    if (!(STATE_TABLES as readonly string[]).includes(name)) throw new WarehouseError(`unknown state table ${name}`);
    return `\`${dataset}.${name}\``;
  };
  return {
    description: `BigQuery dataset ${dataset}`,
    run: (name: string, sql: string, params: QueryParams): Promise<Row[]> =>
      warehouse.runRendered(`state ${name}`, rewriteSql(sql, { engine: 'bigquery', table, params: Object.keys(params) }), params, { component: 'state' }),
    close: () => warehouse.close(),
  };
}
