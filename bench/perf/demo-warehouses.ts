/**
 * The demo warehouses the measures read, each generated once per run with the real CLI
 * (`monitor demo generate --seed 42 --end 2026-03-31 --days N [--scale K]`) into the
 * run's scratch directory, with a config file pointing at it (embedded.path) and at its
 * own state file (state.path), so a run that is not --dry-run records nothing outside.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, END_DATE, REPO_DIR, SEED } from './bench-context.js';
import type { TimedRun } from './timed-spawn.js';

export interface WarehouseSpec {
  readonly days: number;
  /** User multiplier (`demo generate --scale`); 1 = the default data. */
  readonly scale: number;
}

export interface DemoWarehouse {
  readonly spec: WarehouseSpec;
  readonly path: string;
  /** --config for every command reading this warehouse. */
  readonly configPath: string;
  /** Rows of usage_daily: the data-size figure scaling is compared with. */
  readonly usageRows: number;
  /** The generation that wrote it. */
  readonly generation: TimedRun;
}

type Runner = (args: readonly string[], options?: { captureStdout?: boolean }) => Promise<TimedRun>;

export class DemoWarehouses {
  private readonly cache = new Map<string, Promise<DemoWarehouse>>();
  private scaleSupport: boolean | undefined;

  constructor(
    private readonly dir: string,
    private readonly node: Runner,
    private readonly log: (line: string) => void,
  ) {}

  /** `monitor demo generate` command line for a spec writing to `out`. */
  static generateArgs(spec: WarehouseSpec, out: string): string[] {
    return [BIN, 'demo', 'generate', '--seed', String(SEED), '--days', String(spec.days), '--end', END_DATE, '--out', out, ...(spec.scale === 1 ? [] : ['--scale', String(spec.scale)])];
  }

  /** Whether this build's `demo generate` has --scale (being added in parallel with this harness). */
  hasScale(): boolean {
    if (this.scaleSupport === undefined) {
      const help = spawnSync(process.execPath, [BIN, 'demo', 'generate', '--help'], { cwd: REPO_DIR, encoding: 'utf8' });
      this.scaleSupport = /--scale\b/.test(`${help.stdout}${help.stderr}`);
    }
    return this.scaleSupport;
  }

  get(spec: WarehouseSpec): Promise<DemoWarehouse> {
    const key = keyOf(spec);
    let entry = this.cache.get(key);
    if (entry === undefined) {
      entry = this.generate(spec);
      this.cache.set(key, entry);
    }
    return entry;
  }

  has(spec: WarehouseSpec): boolean {
    return this.cache.has(keyOf(spec));
  }

  /** A file the demo-generation measure wrote anyway: kept as this spec's warehouse. */
  adopt(spec: WarehouseSpec, path: string, generation: TimedRun): DemoWarehouse {
    const warehouse = this.describe(spec, path, generation);
    this.cache.set(keyOf(spec), Promise.resolve(warehouse));
    return warehouse;
  }

  private async generate(spec: WarehouseSpec): Promise<DemoWarehouse> {
    if (spec.scale !== 1 && !this.hasScale()) throw new Error('monitor demo generate has no --scale in this build');
    const path = join(this.dir, `demo-${keyOf(spec)}.duckdb`);
    this.log(`generating the demo warehouse: ${spec.days} days, ${spec.scale}× users …`);
    const generation = await this.node(DemoWarehouses.generateArgs(spec, path), { captureStdout: true });
    this.log(`  … in ${(generation.wallMs / 1000).toFixed(1)} s`);
    return this.describe(spec, path, generation);
  }

  private describe(spec: WarehouseSpec, path: string, generation: TimedRun): DemoWarehouse {
    const rows = /\busage_daily (\d+)/.exec(generation.stdout)?.[1];
    if (rows === undefined) throw new Error(`demo generate did not report usage_daily rows: ${generation.stdout.trim()}`);
    const configPath = join(this.dir, `config-${keyOf(spec)}.yaml`);
    // JSON strings are YAML strings: paths with any character stay one scalar.
    writeFileSync(configPath, `embedded: { path: ${JSON.stringify(path)} }\nstate: { path: ${JSON.stringify(join(this.dir, `state-${keyOf(spec)}.duckdb`))} }\n`);
    return { spec, path, configPath, usageRows: Number(rows), generation };
  }
}

function keyOf(spec: WarehouseSpec): string {
  return `${spec.days}d-x${spec.scale}`;
}
