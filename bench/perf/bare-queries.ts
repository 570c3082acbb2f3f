/**
 * The floor of `monitor run --all`: a bare script that does only what any tool must do to
 * get the same answers from the same data — load @duckdb/node-api, open the same file
 * read-only, define the same BigQuery-compat macros, run exactly the SQL text the CLI
 * renders with the same typed parameters, read every row into JavaScript values, close.
 * No config, no stats, no report.
 *
 * Run as its own process (transpiled to .mjs by child-scripts.ts):
 *   node bare-queries.mjs <queries.json> main|all
 * `main`: the domains' main queries only; `all`: those plus the drill-down queries.
 * Prints {"rows":[…]} (rows per query) so the harness can check it read what the CLI read.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as DuckDBApi from '@duckdb/node-api';
import type { DuckDBDateValue, DuckDBType, DuckDBValue } from '@duckdb/node-api';

// Loaded with require(), as the CLI loads it (src/warehouse/duckdb-api.ts): an ES-module
// import of this CommonJS package costs ~150 ms more, and a floor must not pay what a
// bare script need not.
const { BIGINT, BOOLEAN, DATE, DOUBLE, DuckDBDateValue: DateValue, DuckDBInstance, LIST, VARCHAR, listValue } = createRequire(import.meta.url)(
  '@duckdb/node-api',
) as typeof DuckDBApi;

/** The same shapes as src/warehouse/types.ts QueryParam (kept here: this script imports nothing of ours). */
type Param =
  | { type: 'DATE'; value: string }
  | { type: 'INT64'; value: number }
  | { type: 'FLOAT64'; value: number }
  | { type: 'STRING'; value: string }
  | { type: 'BOOL'; value: boolean }
  | { type: 'ARRAY<STRING>'; value: string[] }
  | { type: 'ARRAY<DATE>'; value: string[] };

export interface BareQueriesFile {
  readonly database: string;
  readonly macros: readonly string[];
  readonly queries: readonly { readonly kind: 'main' | 'drilldown'; readonly sql: string; readonly params: Record<string, Param> }[];
}

function date(value: string): DuckDBDateValue {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return DateValue.fromParts({ year, month, day });
}

function bind(param: Param): [DuckDBValue, DuckDBType] {
  switch (param.type) {
    case 'DATE':
      return [date(param.value), DATE];
    case 'INT64':
      return [BigInt(param.value), BIGINT];
    case 'FLOAT64':
      return [param.value, DOUBLE];
    case 'STRING':
      return [param.value, VARCHAR];
    case 'BOOL':
      return [param.value, BOOLEAN];
    case 'ARRAY<STRING>':
      return [listValue(param.value), LIST(VARCHAR)];
    case 'ARRAY<DATE>':
      return [listValue(param.value.map(date)), LIST(DATE)];
  }
}

const [file, set] = process.argv.slice(2);
if (file === undefined || (set !== 'main' && set !== 'all')) throw new Error('usage: bare-queries.mjs <queries.json> main|all');
const spec = JSON.parse(readFileSync(file, 'utf8')) as BareQueriesFile;
const instance = await DuckDBInstance.create(spec.database, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
for (const macro of spec.macros) await connection.run(macro);
const rows: number[] = [];
for (const query of spec.queries) {
  if (set === 'main' && query.kind !== 'main') continue;
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [name, param] of Object.entries(query.params)) [values[name], types[name]] = bind(param);
  const reader = await connection.runAndReadAll(query.sql, values, types);
  rows.push(reader.getRows().length);
}
connection.closeSync();
instance.closeSync();
process.stdout.write(JSON.stringify({ rows }) + '\n');
