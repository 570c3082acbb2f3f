import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import { DEMO_TABLES } from '../../src/demo/constants.js';
import { DemoError } from '../../src/demo/errors.js';
import { generateDemoWarehouse, plannedAnomalies, readDemoSummary } from '../../src/demo/generate.js';
import { makeTempDir, rows, tempWarehouse, type TempWarehouse } from './helpers/temp-warehouse.js';

const options = { seed: 7, days: 120, end: isoDate('2026-05-31') };

/** Order-independent fingerprint of every table: row count and the sum of row hashes. */
async function fingerprints(warehouse: TempWarehouse): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of [...DEMO_TABLES, 'demo_anomalies', 'demo_meta']) {
    const [row] = await rows(warehouse.connection, `SELECT count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h FROM ${table} t`);
    out[table] = `${String(row?.['n'])}:${String(row?.['h'])}`;
  }
  return out;
}

describe('demo warehouse determinism', () => {
  let first: TempWarehouse;
  let second: TempWarehouse;
  let otherSeed: TempWarehouse;
  let scaleOne: TempWarehouse;
  const scratchDirs: string[] = [];
  const scratchDir = (): string => {
    const dir = makeTempDir();
    scratchDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    first = await tempWarehouse(options);
    second = await tempWarehouse(options);
    otherSeed = await tempWarehouse({ ...options, seed: 8 });
    scaleOne = await tempWarehouse({ ...options, scale: 1 });
  });
  afterAll(() => {
    for (const warehouse of [first, second, otherSeed, scaleOne]) warehouse?.dispose();
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes identical tables for the same options', async () => {
    expect(await fingerprints(second)).toEqual(await fingerprints(first));
    expect(second.summary).toEqual(first.summary);
  });

  it('writes exactly the default warehouse at scale 1', async () => {
    expect(await fingerprints(scaleOne)).toEqual(await fingerprints(first));
    expect(scaleOne.summary).toEqual(first.summary);
  });

  it('writes different data for another seed', async () => {
    const a = await fingerprints(first);
    const b = await fingerprints(otherSeed);
    for (const table of ['usage_daily', 'subscription_events', 'subscriptions_daily', 'gpu_cost', 'api_requests', 'enterprise_orgs']) {
      expect(b[table], table).not.toEqual(a[table]);
    }
  });

  it('records the planned ground truth and reads it back unchanged', async () => {
    expect(first.summary.anomalies).toEqual(plannedAnomalies(options));
    const read = await readDemoSummary(first.path);
    expect(read).toEqual(first.summary);
    expect(read.start).toBe('2026-02-01');
    expect(read.rowCounts['usage_daily']).toBeGreaterThan(100_000);
  });

  it('refuses to overwrite an existing file and leaves no partial file behind', async () => {
    const dir = scratchDir();
    const path = join(dir, 'taken.duckdb');
    writeFileSync(path, 'not a database');
    await expect(generateDemoWarehouse(path, options)).rejects.toMatchObject({ code: 'DEMO_TARGET_EXISTS' });
    expect(readdirSync(dir)).toEqual(['taken.duckdb']);
  });

  it('rejects invalid options before touching the disk', async () => {
    const dir = scratchDir();
    const path = join(dir, 'never.duckdb');
    await expect(generateDemoWarehouse(path, { ...options, days: 30 })).rejects.toBeInstanceOf(DemoError);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says clearly when a file is not a demo database', async () => {
    const dir = scratchDir();
    await expect(readDemoSummary(join(dir, 'missing.duckdb'))).rejects.toMatchObject({ code: 'DEMO_NOT_A_DEMO_DATABASE' });
    const text = join(dir, 'text.duckdb');
    writeFileSync(text, 'not a database');
    await expect(readDemoSummary(text)).rejects.toMatchObject({ code: 'DEMO_NOT_A_DEMO_DATABASE' });
  });
});
