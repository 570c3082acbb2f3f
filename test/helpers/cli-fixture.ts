import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixtureWarehouse } from './fixture-template.js';

/** One injected anomaly as `monitor demo anomalies --format json` prints it. */
export interface FixtureAnomaly {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly domain: string;
  readonly series: string;
  readonly metric: string;
  readonly direction: string;
  readonly expectedSeverity: string;
  readonly rootCause: { readonly dimension: string; readonly member: string } | null;
}

export interface CliFixture {
  readonly dir: string;
  /** MONITOR_HOME in a fresh folder: no state leaks between test files. */
  readonly env: Record<string, string>;
  /** A config pointing the embedded warehouse at the fixture file. */
  readonly config: string;
  readonly anomalies: readonly FixtureAnomaly[];
  anomaly(id: string): FixtureAnomaly;
  remove(): void;
}

/**
 * The fixture warehouse (seed 42, 150 days to 2026-03-31; generated once per test run, see
 * test/global-setup.ts), a config that points at it, and its ground truth: the generator's
 * summary, which is what `monitor demo anomalies --format json` prints for the file
 * (test/cli/cli.test.ts checks that through the CLI), read here without running it.
 */
export function generateCliFixture(prefix: string, extraConfig = ''): CliFixture {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = { MONITOR_HOME: join(dir, 'home') };
  const warehouse = join(dir, 'fixture.duckdb');
  const anomalies: readonly FixtureAnomaly[] = copyFixtureWarehouse(warehouse).anomalies;
  const config = join(dir, 'fixture.yaml');
  writeFileSync(config, `embedded:\n  path: ${warehouse}\n${extraConfig}`);
  return {
    dir,
    env,
    config,
    anomalies,
    anomaly(id) {
      const found = anomalies.find((a) => a.id === id);
      if (found === undefined) throw new Error(`the generator no longer injects ${id}: ${anomalies.map((a) => a.id).join(', ')}`);
      return found;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
