import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBTimeValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { invalidQuery } from './api-error.js';

/**
 * DuckDB results in BigQuery's wire format. BigQuery's REST API sends every value as
 * a JSON string (`{ v: '42' }`) so INT64 and NUMERIC survive JSON's doubles; the client
 * turns them back into JS values from the schema (INTEGER → Number or BigQueryInt,
 * NUMERIC → Big, DATE → BigQueryDate), so the schema types must be BigQuery's.
 */
export interface SchemaField {
  name: string;
  /** The legacy names BigQuery itself puts in result schemas. */
  type: 'INTEGER' | 'FLOAT' | 'NUMERIC' | 'BOOLEAN' | 'STRING' | 'DATE' | 'TIME' | 'TIMESTAMP';
  mode: 'NULLABLE' | 'REPEATED';
}

export interface Cell {
  v: string | null | Cell[];
}

export interface EncodedRow {
  f: Cell[];
}

export interface EncodeOptions {
  /** formatOptions.useInt64Timestamp: TIMESTAMP as int64 microseconds, else float seconds. */
  readonly int64Timestamp: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function scalarType(type: DuckDBType, column: string): SchemaField['type'] {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.SQLNULL: // BigQuery types a bare NULL as INT64
      return 'INTEGER';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'FLOAT';
    case DuckDBTypeId.DECIMAL:
      return 'NUMERIC';
    case DuckDBTypeId.BOOLEAN:
      return 'BOOLEAN';
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.ENUM:
      return 'STRING';
    case DuckDBTypeId.DATE:
      return 'DATE';
    case DuckDBTypeId.TIME:
      return 'TIME';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'TIMESTAMP';
    default:
      throw invalidQuery(`the fake BigQuery cannot return column ${column} of DuckDB type ${type.toString()}`);
  }
}

export function schemaField(name: string, type: DuckDBType): SchemaField {
  if (type.typeId === DuckDBTypeId.LIST) return { name, type: scalarType(type.valueType, name), mode: 'REPEATED' };
  return { name, type: scalarType(type, name), mode: 'NULLABLE' };
}

/**
 * BigQuery names an expression column without an alias f0_, f1_, … (counting only the
 * unnamed ones); DuckDB names it after the expression text, e.g. "(x + 1)".
 */
export function bigQueryColumnNames(duckdbNames: readonly string[]): string[] {
  let anonymous = 0;
  const names = duckdbNames.map((name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `f${anonymous++}_`));
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of names) {
    if (seen.has(name.toLowerCase())) duplicates.add(name);
    seen.add(name.toLowerCase());
  }
  if (duplicates.size > 0) {
    throw invalidQuery(`Duplicate column names in the result are not supported. Found duplicate(s): ${[...duplicates].join(', ')}`);
  }
  return names;
}

export function encodeRow(fields: readonly SchemaField[], row: readonly DuckDBValue[], options: EncodeOptions): EncodedRow {
  return {
    f: fields.map((field, index) => {
      const value = row[index] ?? null;
      if (field.mode === 'NULLABLE') return { v: encodeScalar(field, value, options) };
      // BigQuery has no NULL arrays (they come back empty) and no NULL elements.
      if (value === null) return { v: [] };
      if (!(value instanceof DuckDBListValue)) throw invalidQuery(`column ${field.name}: expected a list`);
      return {
        v: value.items.map((item) => {
          if (item === null) throw invalidQuery(`Array cannot have a null element; error in writing field ${field.name}`);
          return { v: encodeScalar(field, item, options) };
        }),
      };
    }),
  };
}

function encodeScalar(field: SchemaField, value: DuckDBValue, options: EncodeOptions): string | null {
  if (value === null) return null;
  switch (field.type) {
    case 'INTEGER': {
      const integer = BigInt(value as bigint | number);
      if (integer < INT64_MIN || integer > INT64_MAX) throw invalidQuery(`int64 overflow in column ${field.name}: ${integer}`);
      return integer.toString();
    }
    case 'FLOAT':
      // String(NaN / ±Infinity) is already BigQuery's spelling: "NaN", "Infinity", "-Infinity".
      return String(value as number);
    case 'NUMERIC':
      return (value as DuckDBDecimalValue).toString();
    case 'BOOLEAN':
      return value ? 'true' : 'false';
    case 'DATE':
      return (value as DuckDBDateValue).toString();
    case 'TIME':
      return (value as DuckDBTimeValue).toString();
    case 'TIMESTAMP': {
      const micros = (value as DuckDBTimestampValue | DuckDBTimestampTZValue).micros;
      return options.int64Timestamp ? micros.toString() : String(Number(micros) / 1e6);
    }
    case 'STRING':
      return typeof value === 'string' ? value : String(value);
  }
}
