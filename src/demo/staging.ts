import { BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

export type StagingColumn =
  | { name: string; type: 'INTEGER'; values: Int32Array }
  | { name: string; type: 'DOUBLE'; values: Float64Array }
  | { name: string; type: 'BOOLEAN'; values: Uint8Array };

/** DuckDB's vector size: the most rows one data chunk carries. */
const CHUNK_ROWS = 2048;

const DUCKDB_TYPES: Record<StagingColumn['type'], DuckDBType> = { INTEGER, DOUBLE, BOOLEAN };

/**
 * Loads typed-array columns into a TEMP table through the appender, one data chunk of
 * 2048 rows at a time. Only numbers and booleans cross into DuckDB here (each string
 * would be its own native call); temp tables stay out of the database file.
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
    const chunk = DuckDBDataChunk.create(columns.map((column) => DUCKDB_TYPES[column.type]));
    for (let offset = 0; offset < rowCount; offset += CHUNK_ROWS) {
      const end = Math.min(rowCount, offset + CHUNK_ROWS);
      chunk.reset();
      chunk.setColumns(columns.map((column) => chunkValues(column, offset, end)));
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

function chunkValues(column: StagingColumn, start: number, end: number): DuckDBValue[] {
  const slice = column.values.subarray(start, end);
  return column.type === 'BOOLEAN' ? Array.from(slice, (flag) => flag === 1) : Array.from(slice);
}

export const int = (name: string, values: Int32Array): StagingColumn => ({ name, type: 'INTEGER', values });
export const double = (name: string, values: Float64Array): StagingColumn => ({ name, type: 'DOUBLE', values });
export const flag = (name: string, values: Uint8Array): StagingColumn => ({ name, type: 'BOOLEAN', values });
