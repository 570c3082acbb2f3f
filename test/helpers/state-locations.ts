import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../../src/config/load.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import { bigQueryStateExecutor } from '../../src/state/bigquery-state-executor.js';
import { openDuckDBStateExecutor } from '../../src/state/duckdb-state-executor.js';
import type { StateExecutor } from '../../src/state/state-executor.js';
import { openBigQueryWarehouse } from '../../src/warehouse/bigquery.js';
import { writeBigQueryConfig } from './bigquery-config.js';
import { FakeBigQuery } from './fake-bigquery/index.js';

/** Makes a fresh, empty state location; the function it returns opens it (again, as a next run would). */
export type StateLocation = () => () => Promise<StateExecutor>;

export interface StateLocations {
  /** By engine: a local DuckDB file, and a BigQuery dataset through the real client and a fake server. */
  readonly engines: Readonly<Record<string, StateLocation>>;
  stop(): Promise<void>;
}

/** The two places delivery state can live, for tests that run the same checks on both. */
export async function startStateLocations(prefix: string): Promise<StateLocations> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // An empty DuckDB file behind the fake BigQuery: the state tables are created through it.
  const instance = await DuckDBInstance.create(join(dir, 'bq.duckdb'));
  instance.closeSync();
  const fake = await FakeBigQuery.start({ duckdbPath: join(dir, 'bq.duckdb'), writable: true, pendingPolls: 0 });
  let seq = 0;
  const engines: Record<string, StateLocation> = {
    'a local DuckDB file': () => {
      const path = join(dir, `state-${++seq}.duckdb`);
      return () => openDuckDBStateExecutor(path, { lockTimeoutMs: 1000, log: () => {} });
    },
    'a BigQuery dataset (through the real client)': () => {
      const path = writeBigQueryConfig(join(dir, `bq-${++seq}.yaml`), { extra: ['state:', `  dataset: test-project.state_${seq}`] });
      const { config } = loadConfig({ path, knownDomains: DOMAIN_NAMES });
      return async () => {
        const warehouse = openBigQueryWarehouse({ config: config.bigquery!, tables: config.tables, env: { BIGQUERY_EMULATOR_HOST: fake.url }, log: () => {} });
        return bigQueryStateExecutor(warehouse, config.state.dataset!);
      };
    },
  };
  return {
    engines,
    stop: async () => {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
