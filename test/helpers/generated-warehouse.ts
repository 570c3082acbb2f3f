import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { generateDemoWarehouse, type DemoSummary, type InjectedAnomaly } from '../../src/demo/generate.js';
import type { DomainReport } from '../../src/alerts/alert.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import type { DomainDefinition } from '../../src/domains/types.js';
import { runDomain, type RunDomainOptions } from '../../src/run/run-domain.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { copyFixtureWarehouse, FIXTURE_OPTIONS } from './fixture-template.js';
import type { Warehouse } from '../../src/warehouse/types.js';

/** The fixed-date warehouse the detection tests score: the same data on every machine. */
export const FIXTURE = FIXTURE_OPTIONS;

export interface GeneratedWarehouse {
  readonly path: string;
  readonly summary: DemoSummary;
  readonly config: Config;
  readonly warehouse: Warehouse;
  /** The first day with a full 10-week baseline. */
  readonly firstScored: IsoDate;
  anomaliesOf(domain: string): InjectedAnomaly[];
  close(): Promise<void>;
}

/** The fixture warehouse (or another generated one) in a temp dir, opened with the shipped config. */
export async function openGeneratedWarehouse(options: { seed?: number; days?: number; end?: IsoDate } = {}): Promise<GeneratedWarehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-generated-'));
  const path = join(dir, 'demo.duckdb');
  const wanted = { ...FIXTURE, ...options };
  const isFixture = wanted.seed === FIXTURE.seed && wanted.days === FIXTURE.days && wanted.end === FIXTURE.end;
  const summary = isFixture ? copyFixtureWarehouse(path) : await generateDemoWarehouse(path, wanted);
  const config = loadConfig({ knownDomains: DOMAIN_NAMES }).config;
  const warehouse = await openDuckDBWarehouse(path, config.tables);
  return {
    path,
    summary,
    config,
    warehouse,
    firstScored: addDays(summary.start, 70),
    anomaliesOf: (domain) => summary.anomalies.filter((a) => a.domain === domain),
    close: async () => {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ScoredWarehouse extends GeneratedWarehouse {
  /** The run that scored the domain: pass it to fetchDomainSeries for the same series. */
  readonly run: RunDomainOptions;
  /** One report per day from firstScored to the fixture's last day. */
  readonly reports: DomainReport[];
}

/**
 * The fixture warehouse with one domain scored on every day that has a full 10-week
 * baseline, from one query (the backtest shape the detection tests judge).
 */
export async function scoreGeneratedWarehouse(domain: DomainDefinition): Promise<ScoredWarehouse> {
  const fixture = await openGeneratedWarehouse();
  const run = { domain, config: fixture.config, warehouse: fixture.warehouse, from: fixture.firstScored, to: fixture.summary.end, toolVersion: 'test' };
  return { ...fixture, run, reports: await runDomain(run) };
}
