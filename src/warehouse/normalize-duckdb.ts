import type { DuckDBValue } from '@duckdb/node-api';
import { WarehouseError } from '../errors.js';
import { duckdb } from './duckdb-api.js';
import { normalizePrimitive, normalizeRow } from './normalize-value.js';
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

export function normalizeDuckDBRow(row: Record<string, DuckDBValue>): Row {
  return normalizeRow(row, normalizeDuckDBValue);
}
