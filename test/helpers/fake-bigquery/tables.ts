import { BigQueryApiError, invalidQuery, notFound } from './api-error.js';
import type { Catalog, TableInfo, TableRef } from './catalog.js';
import type { QueryContext } from './sql-engine.js';
import type { Statement } from './statements.js';

/** BigQuery's `ddlOperationPerformed` and `ddlTargetTable`, plus the DuckDB schema to create. */
export interface DdlTarget {
  readonly operation: 'CREATE' | 'REPLACE' | 'DROP' | 'ALTER' | 'SKIP';
  readonly table: TableRef;
  /** The dataset's DuckDB schema, quoted ("db"."dataset"). */
  readonly schema: string;
}

/** How a fake finds the DuckDB table behind a BigQuery name. */
export interface TableResolver {
  readonly catalog: Catalog;
  readonly tableMap: (bigQueryName: string) => string;
  readonly writable: boolean;
}

/**
 * Read-only: tableMap(name) names the DuckDB table. Writable: a dataset with a DuckDB
 * schema of its name (CREATE TABLE makes one) resolves inside it, "db"."dataset"."table";
 * any other dataset falls back to tableMap, so fixture tables stay readable.
 */
export function resolveTable(resolver: TableResolver, name: string, context: QueryContext): TableInfo {
  const ref = qualified(name, context);
  const { catalog } = resolver;
  if (resolver.writable && catalog.hasSchema(ref.datasetId)) {
    const info = catalog.table(`${ref.datasetId}.${ref.tableId}`);
    if (info !== undefined) return info;
    throw tableNotFound(ref, context.location);
  }
  const info = catalog.table(resolver.tableMap(name));
  if (info !== undefined) return info;
  throw tableNotFound(ref, context.location);
}

/** The table a CREATE, DROP or ALTER TABLE acts on, always in its dataset's schema; it may not exist. */
export function ddlTarget(catalog: Catalog, name: string, context: QueryContext, statement: Statement): DdlTarget & { quoted: string } {
  const table = qualified(name, context);
  if (!/^\w+$/.test(table.datasetId) || !/^[\w-]+$/.test(table.tableId)) throw new BigQueryApiError(400, 'invalid', `Invalid table name: ${name}`);
  const exists = catalog.hasSchema(table.datasetId) && catalog.table(`${table.datasetId}.${table.tableId}`) !== undefined;
  let operation: DdlTarget['operation'];
  if (statement.type === 'ALTER_TABLE') {
    if (!exists) throw tableNotFound(table, context.location);
    operation = 'ALTER';
  } else if (statement.type === 'DROP_TABLE') {
    if (!exists && !statement.ifExistsClause) throw tableNotFound(table, context.location);
    operation = exists ? 'DROP' : 'SKIP';
  } else {
    // BigQuery fails the job with reason duplicate. Like its other SQL errors the fake answers
    // at jobs.insert, with 400: the client takes a 409 from jobs.insert for "this job exists".
    if (exists && !statement.ifExistsClause && !statement.orReplace) {
      throw new BigQueryApiError(400, 'duplicate', `Already Exists: Table ${table.projectId}:${table.datasetId}.${table.tableId}`);
    }
    operation = !exists ? 'CREATE' : statement.orReplace ? 'REPLACE' : 'SKIP';
  }
  return { operation, table, schema: catalog.datasetSchema(table), quoted: catalog.datasetTable(table) };
}

function qualified(name: string, context: QueryContext): TableRef {
  if (!name.includes('.') && context.defaultDataset === undefined) {
    throw invalidQuery(`Table "${name}" must be qualified with a dataset (e.g. dataset.table).`);
  }
  return tableRef(name, context.projectId, context.defaultDataset);
}

/** Splits `[project.]dataset.table`, or a bare table name with the default dataset, as BigQuery does. */
function tableRef(name: string, projectId: string, defaultDataset?: { projectId?: string; datasetId: string }): TableRef {
  const parts = name.split('.');
  const [tableId = '', datasetId = '', project] = [...parts].reverse();
  return parts.length >= 2
    ? { projectId: project ?? projectId, datasetId, tableId }
    : { projectId: defaultDataset?.projectId ?? projectId, datasetId: defaultDataset?.datasetId ?? '', tableId };
}

/** BigQuery reports a missing table as project:dataset.table. */
function tableNotFound(ref: TableRef, location: string): BigQueryApiError {
  return notFound(`Not found: Table ${ref.projectId}:${ref.datasetId}.${ref.tableId} was not found in location ${location}`);
}
