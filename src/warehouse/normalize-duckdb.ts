import type { DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';
import { WarehouseError } from '../errors.js';
import { duckdb } from './duckdb-api.js';
import { normalizePrimitive } from './normalize-value.js';
import type { Row, Scalar } from './types.js';

/** DuckDB values → plain scalars: DATE → 'YYYY-MM-DD', BIGINT/HUGEINT → number (≤ 2^53), DECIMAL → number. */
export function normalizeDuckDBValue(value: DuckDBValue, column: string): Scalar {
  const primitive = normalizePrimitive(value, column);
  if (primitive !== undefined) return primitive;
  if (value instanceof duckdb.DuckDBDateValue) return value.toString();
  if (value instanceof duckdb.DuckDBDecimalValue) return value.toDouble();
  if (value instanceof duckdb.DuckDBTimestampValue) return value.toString();
  throw new WarehouseError(
    `column ${column}: unsupported DuckDB value type ${(value as object).constructor.name}`,
    'return DATE, numbers, strings or booleans from the SQL file',
  );
}

/**
 * A result's rows as plain rows keyed by column name: the names getRowObjects would use
 * (DuckDB's deduplicated ones: a repeated `a` becomes `a:1`), read from the value arrays.
 * WHY: DuckDB's row objects, then a copy of each, cost about twice the arrays: the five
 * main queries' 8,266 rows on the demo warehouse took 57 ms this way and 127 ms through
 * the objects on first read (bench/perf/before-after.md item 22).
 */
export function normalizeDuckDBResult(reader: DuckDBResultReader): Row[] {
  const columns = reader.deduplicatedColumnNames();
  return reader.getRows().map((values) => {
    const out: Record<string, Scalar> = {};
    for (let k = 0; k < columns.length; k++) out[columns[k]!] = normalizeDuckDBValue(values[k]!, columns[k]!);
    return out;
  });
}
