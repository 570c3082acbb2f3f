import pkg from 'node-sql-parser';
import { LOGICAL_TABLES, type LogicalTable } from '../../src/config/schema.js';
import { tokenizeSql } from '../../src/warehouse/sql-tokens.js';
import type { QueryParams } from '../../src/warehouse/types.js';

/**
 * Reading our SQL files as BigQuery sees them, for the tests that check what they scan:
 * rendered with these table names and parsed by node-sql-parser's BigQuery grammar.
 */
const { Parser } = pkg;
export const sqlParser = new Parser();

export const BIGQUERY_TABLES = Object.fromEntries(LOGICAL_TABLES.map((t) => [t, `my-project.analytics.${t}`])) as Record<LogicalTable, string>;

export type SqlNode = Record<string, unknown>;

/** Binds a placeholder of the right kind for every @param a file uses. */
export function placeholderParams(sql: string): QueryParams {
  const names = new Set(tokenizeSql(sql).flatMap((t) => (t.kind === 'param' ? [t.name] : [])));
  return Object.fromEntries([...names].map((name) => [name, { type: 'STRING', value: 'x' }])) as QueryParams;
}

/** Every SELECT of the statement: the CTEs', the subqueries', each branch of a UNION. */
export function* selects(node: unknown): Generator<SqlNode> {
  if (Array.isArray(node)) for (const child of node) yield* selects(child);
  else if (typeof node === 'object' && node !== null) {
    const record = node as SqlNode;
    if (record['type'] === 'select') yield record;
    for (const value of Object.values(record)) yield* selects(value);
  }
}
