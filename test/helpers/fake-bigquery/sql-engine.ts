import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { DUCKDB_BIGQUERY_MACROS, rewriteSql } from '../../../src/warehouse/dialect.js';
import { bindParams, firstLine } from '../../../src/warehouse/duckdb.js';
import { tokenizeSql } from '../../../src/warehouse/sql-tokens.js';
import { invalidQuery, notFound } from './api-error.js';
import { Catalog, type TableInfo } from './catalog.js';
import { boundDates, boundNames, duckdbBindings, type ReceivedParams } from './query-params.js';
import { bigQueryColumnNames, schemaField, type SchemaField } from './result-encoding.js';
import { isDdl, isDml, parseStatement, selectStatement, type StatementType } from './statements.js';
import { ddlTarget, resolveTable, type DdlTarget } from './tables.js';

export type { TableInfo } from './catalog.js';
export type { DdlTarget } from './tables.js';

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
  /** Always SELECT in read-only mode. */
  readonly statement: StatementType;
  /** For CREATE TABLE / DROP TABLE: the table and what the statement does to it. */
  readonly ddl?: DdlTarget;
}

export interface QueryResult {
  /** Empty for DDL and DML: they answer no schema and no rows. */
  readonly fields: readonly SchemaField[];
  readonly rows: readonly (readonly DuckDBValue[])[];
  /** DML only: DuckDB's `Count`, BigQuery's numDmlAffectedRows. */
  readonly affectedRows?: bigint;
}

/**
 * The DuckDB side of the fake: one connection, used by one query at a time. Read-only
 * unless `writable`; then a dataset is a DuckDB schema of the same name (see resolveTable).
 */
export class SqlEngine {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Re-read after each DDL statement. */
    private tables: Catalog,
    readonly tableMap: (bigQueryName: string) => string,
    readonly writable: boolean,
  ) {}

  get catalog(): Catalog {
    return this.tables;
  }

  static async open(path: string, tableMap: (bigQueryName: string) => string, writable = false): Promise<SqlEngine> {
    const instance = await DuckDBInstance.create(path, writable ? {} : { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    for (const macro of DUCKDB_BIGQUERY_MACROS) await connection.run(macro);
    return new SqlEngine(instance, connection, await Catalog.load(connection, writable), tableMap, writable);
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
    const statement = this.writable ? parseStatement(sql) : selectStatement(sql);
    const tables = new Set<TableInfo>();
    let ddl: (DdlTarget & { quoted: string }) | undefined;
    const rewritten = rewriteSql(statement.sql, {
      engine: 'duckdb',
      table: (name) => {
        // The first backtick name of CREATE/DROP TABLE is its target, which may not exist yet.
        if (isDdl(statement.type) && ddl === undefined) {
          ddl = ddlTarget(this.catalog, name, context, statement);
          return ddl.quoted;
        }
        const info = resolveTable(this, name, context);
        tables.add(info);
        return info.quoted;
      },
      params: [...used],
    });
    if (isDdl(statement.type) && ddl === undefined) throw invalidQuery('The fake BigQuery needs the DDL target table name in backticks');
    return {
      sql: rewritten,
      tables: [...tables],
      bindings: duckdbBindings(params, used),
      params,
      statement: statement.type,
      ...(ddl === undefined ? {} : { ddl: { operation: ddl.operation, table: ddl.table, schema: ddl.schema } }),
    };
  }

  /** Runs the query. DuckDB's first error line becomes BigQuery's invalidQuery message. */
  run(query: TranslatedQuery): Promise<QueryResult> {
    return this.exclusive(() => (query.statement === 'SELECT' ? this.readSelect(query) : this.execute(query)));
  }

  private async readSelect(query: TranslatedQuery): Promise<QueryResult> {
    const reader = await this.runSql(query);
    const types = reader.columnTypes();
    const names = bigQueryColumnNames(reader.columnNames());
    const fields = names.map((name, index) => schemaField(name, types[index] as (typeof types)[number]));
    return { fields, rows: reader.getRows() };
  }

  /** DML answers DuckDB's Count; DDL creates the dataset's schema with the table, atomically. */
  private async execute(query: TranslatedQuery): Promise<QueryResult> {
    if (query.ddl === undefined) {
      const [[count] = []] = (await this.runSql(query)).getRows();
      return { fields: [], rows: [], ...(isDml(query.statement) ? { affectedRows: BigInt(String(count ?? 0)) } : {}) };
    }
    await this.inTransaction(query, 'COMMIT', () => this.runSql(query));
    this.tables = await Catalog.load(this.connection, true);
    return { fields: [], rows: [] };
  }

  /**
   * A dry run: prepare (parse, bind, type-check) without executing; returns the schema,
   * or undefined for DDL and DML, which have none.
   */
  validate(query: TranslatedQuery): Promise<SchemaField[] | undefined> {
    return this.exclusive(() =>
      this.inTransaction(query, 'ROLLBACK', async () => {
        try {
          return await this.preparedSchema(query);
        } catch (error) {
          // DuckDB cannot type a statement whose list parameters are unbound ("Unexpected
          // type id: 0"), where BigQuery types it from the declared parameter types: type it
          // with the parameters bound, reading no row.
          if (query.statement !== 'SELECT' || !/Unexpected type id/.test(String(error))) throw error;
          return [...(await this.readSelect({ ...query, sql: `SELECT * FROM (${query.sql}) LIMIT 0` })).fields];
        }
      }),
    );
  }

  private async preparedSchema(query: TranslatedQuery): Promise<SchemaField[] | undefined> {
    const prepared = await this.connection.prepare(query.sql).catch((error: unknown) => Promise.reject(duckdbError(error)));
    try {
      if (query.statement !== 'SELECT') return undefined;
      const names: string[] = [];
      for (let i = 0; i < prepared.columnCount; i += 1) names.push(prepared.columnName(i));
      return bigQueryColumnNames(names).map((name, index) => schemaField(name, prepared.columnType(index)));
    } finally {
      prepared.destroySync();
    }
  }

  /** For CREATE TABLE, `work` runs in a transaction that first creates the dataset's schema. */
  private async inTransaction<T>(query: TranslatedQuery, end: 'COMMIT' | 'ROLLBACK', work: () => Promise<T>): Promise<T> {
    if (query.statement !== 'CREATE_TABLE' || query.ddl === undefined) return work();
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await this.connection.run(`CREATE SCHEMA IF NOT EXISTS ${query.ddl.schema}`);
      const result = await work();
      await this.connection.run(end);
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }

  private runSql(query: TranslatedQuery): ReturnType<DuckDBConnection['runAndReadAll']> {
    return this.connection
      .runAndReadAll(query.sql, query.bindings.values, query.bindings.types)
      .catch((error: unknown) => Promise.reject(duckdbError(error)));
  }

  /**
   * The bytes BigQuery would bill, estimated deterministically: for each table the query
   * references, rows × columns × 8 bytes. Rows are those with `dt` between the smallest
   * and largest DATE parameter when the table has a `dt` column and a DATE is bound (a
   * stand-in for partition pruning), else all rows. 0 for a query that reads no table,
   * and for DDL and DML (whose target may not exist yet).
   */
  estimateBytes(query: TranslatedQuery): Promise<number> {
    if (query.statement !== 'SELECT') return Promise.resolve(0);
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
