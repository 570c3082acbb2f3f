import { WarehouseError } from '../errors.js';
import type { Row, Scalar } from './types.js';

// Made once, not two BigInts per integer read.
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Integers arrive as bigint (DuckDB BIGINT/HUGEINT) or decimal strings (BigQuery INT64).
 * A value beyond 2^53 cannot become a JS number without silently changing: fail loudly.
 */
export function integerToNumber(value: bigint | string, column: string): number {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  if (big > MAX_SAFE || big < MIN_SAFE) {
    throw new WarehouseError(
      `column ${column}: integer ${big.toString()} is beyond 2^53 and would lose precision`,
      'aggregate it in SQL to a smaller unit or CAST it to FLOAT64 if approximate values are acceptable',
    );
  }
  return Number(big);
}

/**
 * Decimal text (BigQuery NUMERIC/BIGNUMERIC/FLOAT64) to a number. NaN and ±Infinity are
 * kept as they are: they are not data, and the consumer must say so (a data-quality
 * finding, README "Data quality") rather than have them quietly become a missing value.
 */
export function decimalTextToNumber(text: string, column: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity' || text === '+Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new WarehouseError(`column ${column}: ${JSON.stringify(text)} is not a number`, 'check the column type in the SQL file');
  }
  return value;
}

/**
 * The JS primitives both engines return: null, text, booleans, numbers, bigints.
 * Returns undefined for anything else (an engine-specific object, handled by its engine).
 */
export function normalizePrimitive(value: unknown, column: string): Scalar | undefined {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // NaN/±Infinity pass through: see decimalTextToNumber.
      return value;
    case 'bigint':
      return integerToNumber(value, column);
    default:
      return undefined;
  }
}

export function normalizeRow<V>(row: Readonly<Record<string, V>>, normalizeValue: (value: V, column: string) => Scalar): Row {
  const out: Record<string, Scalar> = {};
  for (const [column, value] of Object.entries(row)) out[column] = normalizeValue(value, column);
  return out;
}
