import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoWarehouse, type DemoOptions, type DemoSummary } from '../../../src/demo/generate.js';

export interface TempWarehouse {
  path: string;
  dir: string;
  summary: DemoSummary;
  connection: DuckDBConnection;
  /** Closes the connection and deletes the directory. */
  dispose(): void;
}

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'monitor-demo-test-'));
}

/** Generates a demo warehouse into a fresh temp directory and opens it read-only. */
export async function tempWarehouse(options: DemoOptions): Promise<TempWarehouse> {
  const dir = makeTempDir();
  const path = join(dir, 'demo.duckdb');
  const started = performance.now();
  const summary = await generateDemoWarehouse(path, options);
  // Reported, never asserted: timing depends on the machine.
  console.info(`demo warehouse (${options.days} days, seed ${options.seed}, scale ${options.scale ?? 1}) generated in ${Math.round(performance.now() - started)} ms`);
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  return {
    path,
    dir,
    summary,
    connection,
    dispose() {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** First column of the first row, as a number. */
export async function scalar(connection: DuckDBConnection, sql: string, values: string[] = []): Promise<number> {
  const reader = await connection.runAndReadAll(sql, values);
  return Number(reader.getRowsJS()[0]?.[0]);
}

export async function rows(connection: DuckDBConnection, sql: string, values: string[] = []): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
