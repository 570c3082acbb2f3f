import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { WarehouseError } from '../errors.js';
import { duckdb } from '../warehouse/duckdb-api.js';
import { rewriteSql } from '../warehouse/dialect.js';
import { bindParams, firstLine } from '../warehouse/duckdb.js';
import { normalizeDuckDBResult } from '../warehouse/normalize-duckdb.js';
import type { QueryParams, Row } from '../warehouse/types.js';
import type { StateExecutor } from './state-executor.js';
import { STATE_TABLES } from './state-sql.js';

/**
 * State in a local DuckDB file. DuckDB lets one process open a file for writing at a
 * time, so holding it open is also the lock that keeps two simultaneous runs from both
 * posting: the second waits (bounded by lockTimeoutMs), then sees the first one's claims.
 */
export async function openDuckDBStateExecutor(path: string, options: { lockTimeoutMs: number; log: (line: string) => void }): Promise<StateExecutor> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + options.lockTimeoutMs;
  let waited = false;
  for (;;) {
    try {
      const instance = await duckdb.DuckDBInstance.create(path);
      return new DuckDBStateExecutor(path, instance, await instance.connect());
    } catch (error) {
      const locked = /lock/i.test(firstLine(error));
      if (!locked || Date.now() >= deadline) {
        throw new WarehouseError(
          `cannot open the state file ${path}: ${firstLine(error)}`,
          locked ? 'another monitor run holds it; raise state.lockTimeoutMs or wait for it to finish' : 'set state.path or MONITOR_HOME to a writable place',
        );
      }
      if (!waited) options.log(`state file ${path} is in use by another monitor run; waiting…`);
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

class DuckDBStateExecutor implements StateExecutor {
  readonly description: string;

  constructor(
    path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {
    this.description = `state file ${path}`;
  }

  async run(name: string, sql: string, params: QueryParams): Promise<Row[]> {
    const rendered = rewriteSql(sql, { engine: 'duckdb', table: stateTable, params: Object.keys(params) });
    const { values, types } = bindParams(params);
    try {
      const reader = await this.connection.runAndReadAll(rendered, values, types);
      return normalizeDuckDBResult(reader);
    } catch (error) {
      throw new WarehouseError(`state ${name} failed on DuckDB: ${firstLine(error)}`, 'the state file may be damaged; move it aside to start afresh');
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function stateTable(name: string): string {
  if (!(STATE_TABLES as readonly string[]).includes(name)) throw new WarehouseError(`unknown state table ${name}`);
  return `"${name}"`;
}
