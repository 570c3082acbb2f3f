import { existsSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import type { IsoDate } from '../dates/iso-date.js';
import { WarehouseError } from '../errors.js';
import { DEMO_DEFAULT_DAYS, DEMO_DEFAULT_SEED, demoWarehousePath, ensureDemoWarehouse } from './demo-warehouse.js';
import type { Warehouse } from './types.js';

export interface OpenWarehouseOptions {
  readonly config: Config;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Yesterday in the configured time zone: where the demo data ends. */
  readonly yesterday: IsoDate;
  readonly log: (line: string) => void;
}

/** Picks the engine from config. The switch is exhaustive: a new engine is a compile error here. */
export async function openWarehouse(options: OpenWarehouseOptions): Promise<Warehouse> {
  const { config } = options;
  switch (config.warehouse) {
    case 'embedded': {
      const path = await embeddedPath(options);
      // Loaded here, not at the top: `demo anomalies` and --help import this module too.
      const { openDuckDBWarehouse } = await import('./duckdb.js');
      return openDuckDBWarehouse(path, config.tables);
    }
    case 'bigquery':
      if (config.bigquery === undefined) throw new WarehouseError('warehouse: bigquery needs a bigquery: section', 'add bigquery: { project: … }');
      // Loaded only here: the BigQuery client and its auth stack cost ~0.25 s of start-up
      // that every embedded run (the default) would otherwise pay.
      return (await import('./bigquery.js')).openBigQueryWarehouse({ config: config.bigquery, tables: config.tables, env: options.env, log: options.log });
  }
}

/** An explicit embedded.path is used as is; otherwise the managed demo file, kept current. */
export async function embeddedPath(options: OpenWarehouseOptions): Promise<string> {
  const { embedded } = options.config;
  if (embedded.path !== undefined) {
    if (!existsSync(embedded.path)) {
      throw new WarehouseError(`embedded.path ${embedded.path}: no such DuckDB file`, `create one with: monitor demo generate --out ${embedded.path}`);
    }
    return embedded.path;
  }
  const path = demoWarehousePath(options.env);
  await ensureDemoWarehouse({
    path,
    seed: embedded.seed ?? DEMO_DEFAULT_SEED,
    days: embedded.days ?? DEMO_DEFAULT_DAYS,
    end: options.yesterday,
    log: options.log,
  });
  return path;
}
