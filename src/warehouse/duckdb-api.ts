import { createRequire } from 'node:module';
import type * as DuckDBApi from '@duckdb/node-api';

/**
 * @duckdb/node-api, loaded with require(). It is a CommonJS package: imported as an ES
 * module, Node first parses each file it re-exports to learn their export names
 * (cjs-module-lexer), which took 250–280 ms against 110 ms through require() (3 runs
 * each on the 2-core bench machine), on every run that opens DuckDB. require() returns
 * the same module instance as an import would, so instanceof checks hold either way.
 */
export const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDBApi;
