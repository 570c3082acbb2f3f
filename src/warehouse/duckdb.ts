import type { DuckDBConnection, DuckDBDateValue, DuckDBInstance, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { IsoDate } from '../dates/iso-date.js';
import { WarehouseError } from '../errors.js';
import { SOURCE_TABLES_DOC } from './source-tables-doc.js';
import { duckdb } from './duckdb-api.js';
import { DUCKDB_BIGQUERY_MACROS, DialectError, renderSql } from './dialect.js';
import { normalizeDuckDBResult } from './normalize-duckdb.js';
import type { QueryParam, QueryParams, QueryRequest, Row, TableMap, Warehouse } from './types.js';

/**
 * The embedded engine. Opened read-only: several monitor processes (cron running
 * every domain at once) may read one file; DuckDB allows many readers or one writer.
 */
export async function openDuckDBWarehouse(path: string, tables: TableMap): Promise<Warehouse> {
  let instance: DuckDBInstance;
  try {
    instance = await duckdb.DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (error) {
    throw new WarehouseError(`cannot open DuckDB file ${path}: ${firstLine(error)}`, 'check the embedded.path in the config, or remove it to use the demo warehouse');
  }
  const connection = await instance.connect();
  for (const macro of DUCKDB_BIGQUERY_MACROS) await connection.run(macro);
  return new DuckDBWarehouse(path, instance, connection, tables);
}

class DuckDBWarehouse implements Warehouse {
  readonly engine = 'duckdb' as const;
  readonly description: string;

  constructor(
    path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly tables: TableMap,
  ) {
    this.description = `embedded DuckDB ${path}`;
  }

  async query(request: QueryRequest): Promise<Row[]> {
    let sql: string;
    try {
      sql = renderSql(request.sql, 'duckdb', this.tables, request.params);
    } catch (error) {
      if (error instanceof DialectError || error instanceof SyntaxError) {
        throw new WarehouseError(`sql/${request.name}: ${error.message}`, 'this is a bug in the SQL file; please report it');
      }
      throw error;
    }
    const { values, types } = bindParams(request.params);
    try {
      const reader = await this.connection.runAndReadAll(sql, values, types);
      return normalizeDuckDBResult(reader);
    } catch (error) {
      if (error instanceof WarehouseError) throw error;
      throw new WarehouseError(`sql/${request.name} failed on DuckDB: ${firstLine(error)}`, `check that the configured tables exist and have the columns listed in ${SOURCE_TABLES_DOC}`);
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Typed DuckDB bindings for QueryParams (also used by the test BigQuery server). */
export function bindParams(params: QueryParams): { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [name, param] of Object.entries(params)) {
    const [value, type] = duckdbValue(param);
    values[name] = value;
    types[name] = type;
  }
  return { values, types };
}

function duckdbValue(param: QueryParam): [DuckDBValue, DuckDBType] {
  const { BIGINT, BOOLEAN, DATE, DOUBLE, LIST, VARCHAR, listValue } = duckdb;
  switch (param.type) {
    case 'DATE':
      return [duckdbDate(param.value), DATE];
    case 'INT64':
      return [BigInt(param.value), BIGINT];
    case 'FLOAT64':
      return [param.value, DOUBLE];
    case 'STRING':
      return [param.value, VARCHAR];
    case 'BOOL':
      return [param.value, BOOLEAN];
    case 'ARRAY<STRING>':
      return [listValue([...param.value]), LIST(VARCHAR)];
    case 'ARRAY<DATE>':
      return [listValue(param.value.map(duckdbDate)), LIST(DATE)];
  }
}

function duckdbDate(value: IsoDate): DuckDBDateValue {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return duckdb.DuckDBDateValue.fromParts({ year, month, day });
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
