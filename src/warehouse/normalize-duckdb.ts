import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { WarehouseError } from '../errors.js';
import { finiteOrNull, integerToNumber } from './normalize-value.js';
import type { Row, Scalar } from './types.js';

/** DuckDB values → plain scalars: DATE → 'YYYY-MM-DD', BIGINT/HUGEINT → number (≤ 2^53), DECIMAL → number. */
export function normalizeDuckDBValue(value: DuckDBValue, column: string): Scalar {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return finiteOrNull(value);
    case 'bigint':
      return integerToNumber(value, column);
  }
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBDecimalValue) return finiteOrNull(value.toDouble());
  if (value instanceof DuckDBTimestampValue) return value.toString();
  throw new WarehouseError(
    `column ${column}: unsupported DuckDB value type ${value.constructor.name}`,
    'return DATE, numbers, strings or booleans from the SQL file',
  );
}

export function normalizeDuckDBRow(row: Record<string, DuckDBValue>): Row {
  const out: Record<string, Scalar> = {};
  for (const [column, value] of Object.entries(row)) out[column] = normalizeDuckDBValue(value, column);
  return out;
}
