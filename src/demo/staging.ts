import type { DuckDBConnection, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import { duckdb } from '../warehouse/duckdb-api.js';

/** A column to stage; UTINYINT carries flags (0/1) and small codes. */
export type StagingColumn =
  | { name: string; type: 'INTEGER'; values: Int32Array }
  | { name: string; type: 'DOUBLE'; values: Float64Array }
  | { name: string; type: 'UTINYINT'; values: Uint8Array };

/** DuckDB's vector size: the most rows one data chunk carries. */
const CHUNK_ROWS = 2048;

const DUCKDB_TYPES: Record<StagingColumn['type'], DuckDBType> = { INTEGER: duckdb.INTEGER, DOUBLE: duckdb.DOUBLE, UTINYINT: duckdb.UTINYINT };

/**
 * Loads typed-array columns into a new TEMP table through the appender, one data chunk
 * of 2048 rows at a time. Only numbers cross into DuckDB here (each string would be its
 * own native call); temp tables stay out of the database file. When this resolves the
 * rows are in DuckDB, so the caller may reuse the arrays.
 */
export async function stageColumns(connection: DuckDBConnection, table: string, columns: readonly StagingColumn[]): Promise<void> {
  const rowCount = columns[0]?.values.length ?? 0;
  for (const column of columns) {
    if (column.values.length !== rowCount) throw new RangeError(`${table}.${column.name}: ${column.values.length} values, expected ${rowCount}`);
  }
  const definition = columns.map((column) => `${column.name} ${column.type} NOT NULL`).join(', ');
  await connection.run(`CREATE TEMP TABLE ${table} (${definition})`);
  const appender = await connection.createAppender(table, 'main', 'temp');
  try {
    const chunk = duckdb.DuckDBDataChunk.create(columns.map((column) => DUCKDB_TYPES[column.type]));
    // The vectors are fetched once per chunk size, not per chunk: each fetch copies the
    // vector into a new buffer, and that allocation cost more than the rest of staging.
    // The appender copies a chunk's values, so refilling the same vectors is safe.
    let vectors: DuckDBVector[] = [];
    for (let offset = 0; offset < rowCount; offset += CHUNK_ROWS) {
      const end = Math.min(rowCount, offset + CHUNK_ROWS);
      if (chunk.rowCount !== end - offset || vectors.length === 0) {
        chunk.rowCount = end - offset;
        vectors = columns.map((_, index) => chunk.getColumnVector(index));
      }
      columns.forEach((column, index) => fillVector(vectors[index] as DuckDBVector, column.values.subarray(offset, end)));
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

/**
 * Copies numbers into a chunk's vector. The numeric vectors of @duckdb/node-api keep
 * their values in a typed array (`items`, not part of the typed API) that flush()
 * copies to DuckDB; filling it with one set() is ~5× faster than a setItem() per value,
 * which stays the fallback should a future version store them differently.
 */
function fillVector(vector: DuckDBVector, values: Int32Array | Float64Array | Uint8Array): void {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof values.constructor && (items as typeof values).length === values.length) {
    (items as { set(source: ArrayLike<number>): void }).set(values);
  } else {
    for (let i = 0; i < values.length; i++) vector.setItem(i, values[i] ?? 0);
  }
  vector.flush();
}

export const int = (name: string, values: Int32Array): StagingColumn => ({ name, type: 'INTEGER', values });
export const double = (name: string, values: Float64Array): StagingColumn => ({ name, type: 'DOUBLE', values });
/** Flags and codes below 256. */
export const byte = (name: string, values: Uint8Array): StagingColumn => ({ name, type: 'UTINYINT', values });
