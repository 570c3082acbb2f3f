import { WarehouseError } from '../errors.js';
import { decimalTextToNumber, integerToNumber, normalizePrimitive, normalizeRow } from './normalize-value.js';
import type { Row, Scalar } from './types.js';

/**
 * Values as the BigQuery client parses them (with wrapIntegers: true) → plain scalars:
 *  - DATE → BigQueryDate `{ value: 'YYYY-MM-DD' }` → the text;
 *  - INT64 → BigQueryInt `{ value: '123' }` (decimal text) → number, or fail beyond 2^53;
 *  - NUMERIC/BIGNUMERIC → Big.js → number;
 *  - TIMESTAMP → BigQueryTimestamp `{ value: ISO text }` → the text;
 *  - FLOAT64, BOOL, STRING, NULL as they are (NaN/±∞ too: the consumer reports them).
 */
export function normalizeBigQueryValue(value: unknown, column: string): Scalar {
  const primitive = normalizePrimitive(value, column);
  if (primitive !== undefined) return primitive;
  if (typeof value === 'object' && value !== null) return normalizeObject(value, column);
  throw unsupported(value, column);
}

function normalizeObject(value: object, column: string): Scalar {
  const name = value.constructor.name;
  if (name === 'BigQueryInt') return integerToNumber(String((value as { value: unknown }).value), column);
  if (name === 'Big') return decimalTextToNumber(value.toString(), column);
  if (name === 'BigQueryDate' || name === 'BigQueryTimestamp' || name === 'BigQueryDatetime') {
    return String((value as { value: unknown }).value);
  }
  throw unsupported(value, column);
}

function unsupported(value: unknown, column: string): WarehouseError {
  const type = typeof value === 'object' && value !== null ? value.constructor.name : typeof value;
  return new WarehouseError(`column ${column}: unsupported BigQuery value type ${type}`, 'return DATE, numbers, strings or booleans from the SQL file');
}

export function normalizeBigQueryRow(row: Record<string, unknown>): Row {
  return normalizeRow(row, normalizeBigQueryValue);
}
