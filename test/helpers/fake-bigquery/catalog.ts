import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteTable } from '../../../src/warehouse/dialect.js';

export interface TableInfo {
  /** The DuckDB name, quoted: what replaces the backtick name in the SQL. */
  readonly quoted: string;
  readonly columns: readonly string[];
}

/** A table as BigQuery names it. */
export interface TableRef {
  readonly projectId: string;
  readonly datasetId: string;
  readonly tableId: string;
}

/**
 * The DuckDB tables (and schemas) a query may name, read from information_schema. A
 * table is found by `table` or `schema.table` (case-insensitive, as DuckDB names are).
 * A writable fake quotes names with the database too ("db"."schema"."table"), so a
 * dataset named like the DuckDB file can never be mistaken for its catalog.
 */
export class Catalog {
  private constructor(
    private readonly database: string,
    private readonly tables: ReadonlyMap<string, TableInfo>,
    private readonly schemas: ReadonlySet<string>,
  ) {}

  static async load(connection: DuckDBConnection, withDatabase: boolean): Promise<Catalog> {
    const reader = await connection.runAndReadAll(
      'SELECT table_schema, table_name, column_name, table_catalog FROM information_schema.columns ORDER BY table_schema, table_name, ordinal_position',
    );
    const tables = new Map<string, { quoted: string; columns: string[] }>();
    for (const [schema, table, column, database] of reader.getRows() as [string, string, string, string][]) {
      // A map name may be `table` or `schema.table`; DuckDB names are case-insensitive. A
      // writable fake finds a bare name in `main` only: other schemas are datasets, whose
      // tables must not answer for a same-named table of a dataset that does not exist.
      const names = withDatabase && schema !== 'main' ? [`${schema}.${table}`] : [table, `${schema}.${table}`];
      for (const key of names.map((name) => name.toLowerCase())) {
        const info = tables.get(key) ?? {
          quoted: withDatabase ? quoteIdentifiers(database, schema, table) : quoteTable(`${schema}.${table}`, 'duckdb'),
          columns: [],
        };
        info.columns.push(column);
        tables.set(key, info);
      }
    }
    const [[database]] = (await connection.runAndReadAll('SELECT current_database()')).getRows() as [[string]];
    const schemaRows = await connection.runAndReadAll(
      'SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database()',
    );
    const schemas = new Set((schemaRows.getRows() as [string][]).map(([name]) => name.toLowerCase()));
    return new Catalog(database, tables, schemas);
  }

  table(name: string): TableInfo | undefined {
    return this.tables.get(name.toLowerCase());
  }

  hasSchema(name: string): boolean {
    return this.schemas.has(name.toLowerCase());
  }

  /** The table a dataset's DuckDB schema holds (or will hold, once created), quoted. */
  datasetTable(ref: TableRef): string {
    return quoteIdentifiers(this.database, ref.datasetId, ref.tableId);
  }

  /** The DuckDB schema standing for a dataset, quoted. */
  datasetSchema(ref: TableRef): string {
    return quoteIdentifiers(this.database, ref.datasetId);
  }
}

function quoteIdentifiers(...names: string[]): string {
  return names.map((name) => `"${name.replace(/"/g, '""')}"`).join('.');
}
