import { LOGICAL_TABLES, type LogicalTable } from '../config/schema.js';
import { tokenizeSql } from './sql-tokens.js';
import type { QueryParams, TableMap } from './types.js';

export type Engine = 'duckdb' | 'bigquery';

/** A query file that does not fit the dialect rules: a bug in sql/, caught by tests. */
export class DialectError extends Error {
  override name = 'DialectError';
}

/**
 * The one place where BigQuery Standard SQL is adapted to an engine. The files in sql/
 * are written for BigQuery; for DuckDB this
 *  - replaces each `logical_table` with the configured table, quoted for the engine;
 *  - turns @name parameters into DuckDB's $name (both bound, never spliced);
 *  - maps the few constructs DuckDB spells differently: array subscripts
 *    `[OFFSET(i)]` (0-based) become DuckDB's 1-based `[1 + (i)]`, and one percentile of
 *    a column, `APPROX_QUANTILES(col, n)[OFFSET(p)]`, becomes `quantile_disc(col, p / n)`.
 * Functions DuckDB lacks (SAFE_DIVIDE, UNIX_DATE, APPROX_QUANTILES) are defined as
 * DuckDB macros when the connection opens: see DUCKDB_BIGQUERY_MACROS.
 */
export function renderSql(sql: string, engine: Engine, tables: TableMap, params: QueryParams): string {
  return rewriteSql(sql, {
    engine,
    table: (logical) => quoteTable(resolveTable(logical, tables), engine),
    params: Object.keys(params),
  });
}

export interface RewriteOptions {
  readonly engine: Engine;
  /** Text that replaces a backtick-quoted name (already quoted for the engine). */
  readonly table: (quotedName: string) => string;
  /** The parameters that are bound: each must be used, and only these may be. */
  readonly params: readonly string[];
}

/**
 * The token-level rewrite behind renderSql, also used by the test BigQuery server to run
 * BigQuery SQL (with real project.dataset.table names) on DuckDB.
 */
export function rewriteSql(sql: string, options: RewriteOptions): string {
  const bound = new Set(options.params);
  const used = new Set<string>();
  const out = tokenizeSql(sql).map((token) => {
    switch (token.kind) {
      case 'quoted':
        return options.table(token.name);
      case 'param':
        used.add(token.name);
        if (!bound.has(token.name)) throw new DialectError(`SQL uses @${token.name} but no such parameter is bound`);
        return options.engine === 'duckdb' ? `$${token.name}` : token.text;
      case 'code':
        return options.engine === 'duckdb' ? adaptCode(token.text) : token.text;
      case 'string':
      case 'comment':
        return token.text;
    }
  });
  const unused = [...bound].filter((name) => !used.has(name));
  if (unused.length > 0) throw new DialectError(`parameters bound but not used by the SQL: ${unused.join(', ')}`);
  return out.join('');
}

function resolveTable(logical: string, tables: TableMap): string {
  if (!(LOGICAL_TABLES as readonly string[]).includes(logical)) {
    throw new DialectError(`\`${logical}\` is not a logical table (known: ${LOGICAL_TABLES.join(', ')}); backticks are reserved for table names`);
  }
  return tables[logical as LogicalTable];
}

/** Names reaching here passed the config's TABLE_NAME grammar; quoting is belt and braces. */
export function quoteTable(name: string, engine: Engine): string {
  if (/[`"\\\s;]/.test(name)) throw new DialectError(`refusing to quote table name ${JSON.stringify(name)}`);
  return engine === 'bigquery' ? `\`${name}\`` : name.split('.').map((part) => `"${part}"`).join('.');
}

/**
 * One percentile of a column, `APPROX_QUANTILES(col, n)[OFFSET(p)]` with whole-number n and
 * p: BigQuery's idiom for it. The macro would compute all n + 1 quantiles to keep one.
 */
const ONE_QUANTILE = /\bAPPROX_QUANTILES\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*(\d+)\s*\)\s*\[\s*OFFSET\s*\(\s*(\d+)\s*\)\s*\]/gi;

function adaptCode(code: string): string {
  // quantile_disc(x, p / n) is the element the macro's list would hold at p (each of its
  // quantiles is computed alone): the same value, without the other n quantiles. WHY: the
  // API-runtime query, five percentiles, took 0.52–0.76 s on the demo warehouse and takes
  // 0.29–0.31 s this way (bench/perf/before-after.md item 22). Any other form (an
  // expression, a qualified column) keeps the macro.
  return code.replace(ONE_QUANTILE, 'quantile_disc($1, $3 / $2)').replace(/\[\s*OFFSET\s*\(/gi, '[1 + (');
}

/**
 * BigQuery functions that DuckDB lacks, as DuckDB macros with BigQuery's semantics:
 *  - SAFE_DIVIDE returns NULL on a zero divisor (DuckDB's `/` would give ±inf);
 *  - UNIX_DATE is days since 1970-01-01 (a DuckDB date difference is whole days);
 *  - APPROX_QUANTILES(x, n) returns n + 1 quantile boundaries, like BigQuery's array
 *    (DuckDB computes them exactly; BigQuery approximates within ~1 %).
 */
export const DUCKDB_BIGQUERY_MACROS: readonly string[] = [
  'CREATE OR REPLACE TEMP MACRO safe_divide(a, b) AS CASE WHEN b = 0 THEN NULL ELSE a / b END',
  "CREATE OR REPLACE TEMP MACRO unix_date(d) AS (CAST(d AS DATE) - DATE '1970-01-01')",
  // BigQuery's IS_NAN/IS_INF take FLOAT64 (INT64 coerces); DuckDB's isnan/isinf need DOUBLE too.
  'CREATE OR REPLACE TEMP MACRO is_nan(x) AS isnan(CAST(x AS DOUBLE))',
  'CREATE OR REPLACE TEMP MACRO is_inf(x) AS isinf(CAST(x AS DOUBLE))',
  'CREATE OR REPLACE TEMP MACRO approx_quantiles(x, n) AS quantile_disc(x, list_transform(range(n + 1), i -> i / n))',
];
