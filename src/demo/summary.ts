import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { isoDate } from '../dates/iso-date.js';
import { duckdb } from '../warehouse/duckdb-api.js';
import { DEMO_TABLES } from './constants.js';
import { DemoError } from './errors.js';
import type { DemoDomain, DemoSummary, InjectedAnomaly } from './types.js';

// Only files written by `monitor demo generate` carry the ground truth.
const NOT_A_DEMO_HINT = 'point embedded.path at a file made by monitor demo generate, or remove embedded.path to use the managed demo warehouse';

/** Reads the ground truth, the options and the row counts back from a demo database. */
export async function readDemoSummary(path: string): Promise<DemoSummary> {
  if (!existsSync(path)) {
    throw new DemoError('DEMO_NOT_A_DEMO_DATABASE', `no demo warehouse at ${path}`, `create one with: monitor demo generate --out ${path}`);
  }
  const instance = await openReadOnly(path);
  try {
    const connection = await instance.connect();
    try {
      return await readSummary(connection, path);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

async function openReadOnly(path: string): Promise<DuckDBInstance> {
  try {
    return await duckdb.DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new DemoError('DEMO_NOT_A_DEMO_DATABASE', `${path} is not a DuckDB database: ${reason}`, NOT_A_DEMO_HINT);
  }
}

async function readSummary(connection: DuckDBConnection, path: string): Promise<DemoSummary> {
  const tables = await connection.runAndReadAll(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_name IN ('demo_meta', 'demo_anomalies')",
  );
  if (tables.getRows().length < 2) {
    throw new DemoError('DEMO_NOT_A_DEMO_DATABASE', `${path} is not a demo warehouse (it has no demo_meta / demo_anomalies tables)`, NOT_A_DEMO_HINT);
  }
  const meta = await connection.runAndReadAll(
    'SELECT seed, days, CAST(start_date AS VARCHAR), CAST(end_date AS VARCHAR) FROM demo_meta',
  );
  const [seed, days, start, end] = meta.getRows()[0] ?? [];
  const anomalies = await connection.runAndReadAll(
    `SELECT id, domain, series, metric, CAST(start_date AS VARCHAR), CAST(end_date AS VARCHAR), direction,
            expected_severity, magnitude, cause, root_cause_dimension, root_cause_member
     FROM demo_anomalies ORDER BY start_date, id`,
  );
  const rowCounts: Record<string, number> = {};
  for (const table of DEMO_TABLES) {
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
    rowCounts[table] = Number(reader.getRows()[0]?.[0] ?? 0);
  }
  return {
    seed: Number(seed),
    days: Number(days),
    start: isoDate(String(start)),
    end: isoDate(String(end)),
    rowCounts,
    anomalies: anomalies.getRows().map((row) => toAnomaly(row)),
  };
}

function toAnomaly(row: readonly unknown[]): InjectedAnomaly {
  const text = (index: number): string => String(row[index]);
  const dimension = row[10];
  const member = row[11];
  return {
    id: text(0),
    domain: text(1) as DemoDomain,
    series: text(2),
    metric: text(3),
    start: isoDate(text(4)),
    end: isoDate(text(5)),
    direction: text(6) as InjectedAnomaly['direction'],
    expectedSeverity: text(7) as InjectedAnomaly['expectedSeverity'],
    magnitude: Number(row[8]),
    cause: text(9),
    rootCause: typeof dimension === 'string' && typeof member === 'string' ? { dimension, member } : null,
  };
}
