import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { DUCKDB_BIGQUERY_MACROS, quoteTable, rewriteSql } from '../../../src/warehouse/dialect.js';
import { bindParams, firstLine } from '../../../src/warehouse/duckdb.js';
import { tokenizeSql } from '../../../src/warehouse/sql-tokens.js';
import { invalidQuery, notFound } from './api-error.js';
import { boundDates, boundNames, duckdbBindings, type ReceivedParams } from './query-params.js';
import { bigQueryColumnNames, schemaField, type SchemaField } from './result-encoding.js';

/** Where a query runs, for resolving and reporting table names the way BigQuery does. */
export interface QueryContext {
  readonly projectId: string;
  readonly location: string;
  readonly defaultDataset?: { projectId?: string; datasetId: string };
}

/** BigQuery SQL made ready for DuckDB: rewritten, tables checked, parameters bound. */
export interface TranslatedQuery {
  readonly sql: string;
  /** The DuckDB tables referenced, once each. */
  readonly tables: readonly TableInfo[];
  readonly bindings: ReturnType<typeof duckdbBindings>;
  readonly params: ReceivedParams;
}

export interface QueryResult {
  readonly fields: readonly SchemaField[];
  readonly rows: readonly (readonly DuckDBValue[])[];
}

export interface TableInfo {
  /** The DuckDB name, quoted: what replaces the backtick name in the SQL. */
  readonly quoted: string;
  readonly columns: readonly string[];
}

/** The DuckDB side of the fake: one read-only connection, used by one query at a time. */
export class SqlEngine {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly tables: ReadonlyMap<string, TableInfo>,
    private readonly tableMap: (bigQueryName: string) => string,
  ) {}

  static async open(path: string, tableMap: (bigQueryName: string) => string): Promise<SqlEngine> {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    for (const macro of DUCKDB_BIGQUERY_MACROS) await connection.run(macro);
    const reader = await connection.runAndReadAll(
      'SELECT table_schema, table_name, column_name FROM information_schema.columns ORDER BY table_schema, table_name, ordinal_position',
    );
    const tables = new Map<string, { quoted: string; columns: string[] }>();
    for (const [schema, table, column] of reader.getRows() as [string, string, string][]) {
      // A map name may be `table` or `schema.table`; DuckDB names are case-insensitive.
      for (const key of [table, `${schema}.${table}`].map((name) => name.toLowerCase())) {
        const info = tables.get(key) ?? { quoted: quoteTable(`${schema}.${table}`, 'duckdb'), columns: [] };
        info.columns.push(column);
        tables.set(key, info);
      }
    }
    return new SqlEngine(instance, connection, tables, tableMap);
  }

  translate(sql: string, params: ReceivedParams, context: QueryContext): TranslatedQuery {
    let used: Set<string>;
    try {
      used = new Set(tokenizeSql(sql).flatMap((token) => (token.kind === 'param' ? [token.name] : [])));
    } catch (error) {
      throw invalidQuery(`Syntax error: ${firstLine(error)}`);
    }
    const bound = new Set(boundNames(params));
    const missing = [...used].find((name) => !bound.has(name));
    if (missing !== undefined) throw invalidQuery(`Query parameter '${missing}' not found`);
    const tables = new Set<TableInfo>();
    const rewritten = rewriteSql(sql, {
      engine: 'duckdb',
      table: (name) => {
        const info = this.resolveTable(name, context);
        tables.add(info);
        return info.quoted;
      },
      params: [...used],
    });
    return { sql: rewritten, tables: [...tables], bindings: duckdbBindings(params, used), params };
  }

  private resolveTable(name: string, context: QueryContext): TableInfo {
    const parts = name.split('.');
    const dataset = context.defaultDataset;
    if (parts.length < 2 && dataset === undefined) {
      throw invalidQuery(`Table "${name}" must be qualified with a dataset (e.g. dataset.table).`);
    }
    const info = this.tables.get(this.tableMap(name).toLowerCase());
    if (info !== undefined) return info;
    // BigQuery reports missing tables as project:dataset.table.
    const [table, datasetId, projectId] = [...parts].reverse();
    const shown =
      parts.length >= 2
        ? `${projectId ?? context.projectId}:${datasetId}.${table}`
        : `${dataset?.projectId ?? context.projectId}:${dataset?.datasetId}.${name}`;
    throw notFound(`Not found: Table ${shown} was not found in location ${context.location}`);
  }

  /** Runs the query. DuckDB's first error line becomes BigQuery's invalidQuery message. */
  run(query: TranslatedQuery): Promise<QueryResult> {
    return this.exclusive(async () => {
      const reader = await this.connection
        .runAndReadAll(query.sql, query.bindings.values, query.bindings.types)
        .catch((error: unknown) => Promise.reject(duckdbError(error)));
      const types = reader.columnTypes();
      const names = bigQueryColumnNames(reader.columnNames());
      const fields = names.map((name, index) => schemaField(name, types[index] as (typeof types)[number]));
      return { fields, rows: reader.getRows() };
    });
  }

  /** A dry run: prepare (parse, bind, type-check) without executing; returns the schema. */
  validate(query: TranslatedQuery): Promise<SchemaField[]> {
    return this.exclusive(async () => {
      const prepared = await this.connection.prepare(query.sql).catch((error: unknown) => Promise.reject(duckdbError(error)));
      try {
        const names: string[] = [];
        for (let i = 0; i < prepared.columnCount; i += 1) names.push(prepared.columnName(i));
        return bigQueryColumnNames(names).map((name, index) => schemaField(name, prepared.columnType(index)));
      } finally {
        prepared.destroySync();
      }
    });
  }

  /**
   * The bytes BigQuery would bill, estimated deterministically: for each table the query
   * references, rows × columns × 8 bytes. Rows are those with `dt` between the smallest
   * and largest DATE parameter when the table has a `dt` column and a DATE is bound (a
   * stand-in for partition pruning), else all rows. 0 for a query that reads no table.
   */
  estimateBytes(query: TranslatedQuery): Promise<number> {
    const dates = boundDates(query.params).sort();
    const [first, last] = [dates[0], dates[dates.length - 1]];
    return this.exclusive(async () => {
      let bytes = 0;
      for (const info of query.tables) {
        const windowed = first !== undefined && last !== undefined && info.columns.some((c) => c.toLowerCase() === 'dt');
        const sql = `SELECT COUNT(*) FROM ${info.quoted}${windowed ? ' WHERE dt BETWEEN $first AND $last' : ''}`;
        const window = windowed ? bindParams({ first: { type: 'DATE', value: first }, last: { type: 'DATE', value: last } }) : undefined;
        const reader = await this.connection.runAndReadAll(sql, window?.values, window?.types);
        const [[count]] = reader.getRows() as [[bigint]];
        bytes += Number(count) * info.columns.length * 8;
      }
      return bytes;
    });
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /** One connection serves every request: queue the work so statements never interleave. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function duckdbError(error: unknown): Error {
  // With bound values the node API parses through extractStatements and says so first.
  const message = firstLine(error).replace(/^Failed to extract statements: /, '');
  const missing = /^Catalog Error: Table with name (\S+) does not exist/.exec(message);
  if (missing !== null) return notFound(`Not found: Table ${missing[1]} was not found`);
  return invalidQuery(message);
}
