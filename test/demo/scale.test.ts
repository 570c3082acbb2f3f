import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import { DEMO_MAX_SCALE } from '../../src/demo/constants.js';
import { buildDemoData, type DemoData } from '../../src/demo/demo-data.js';
import { DemoError } from '../../src/demo/errors.js';
import { generateDemoWarehouse, plannedAnomalies } from '../../src/demo/generate.js';
import { validateDemoOptions } from '../../src/demo/options.js';
import { Rng, streamSeed } from '../../src/demo/rng.js';
import { expandSubscriptionPeriods } from '../../src/demo/subscriptions-daily.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';

// `scale` multiplies the user population. These tests work on the generated data in
// memory (the rows the writer loads, one for one); determinism.test.ts and
// ground-truth.test.ts check whole warehouses at scale 1 and 2. No timings here.

const options = { seed: 7, days: 120, end: isoDate('2026-05-31') };

interface Counts {
  users: number;
  usageRows: number;
  usageUsers: number;
  usageDigest: string;
  events: number;
  snapshotRows: number;
  apiRows: number;
  gpuRows: number;
}

/** Row counts of every generated table, and a digest of every usage value (to compare runs exactly). */
function countRows(data: DemoData): Counts {
  const digest = createHash('sha256');
  const users = new Set<number>();
  let usageRows = 0;
  for (const batch of data.usageBatches()) {
    usageRows += batch.length;
    for (const column of [batch.day, batch.user, batch.tier, batch.org, batch.tokens, batch.images, batch.videos]) {
      digest.update(column.subarray(0, batch.length));
    }
    digest.update(batch.internal.subarray(0, batch.length));
    for (const user of batch.user.subarray(0, batch.length)) users.add(user);
  }
  let snapshotRows = 0;
  for (const batch of expandSubscriptionPeriods(data.subscriptions().periods, data.population, data.calendar.days)) snapshotRows += batch.length;
  let apiRows = 0;
  for (const batch of data.apiRequestBatches()) apiRows += batch.length;
  return {
    users: data.population.count,
    usageRows,
    usageUsers: users.size,
    usageDigest: digest.digest('hex'),
    events: data.subscriptions().events.day.length,
    snapshotRows,
    apiRows,
    gpuRows: data.gpuCost().day.length,
  };
}

describe('demo scale option', () => {
  it('defaults to 1 and accepts whole numbers from 1 to the maximum', () => {
    expect(validateDemoOptions(options).scale).toBe(1);
    expect(validateDemoOptions({ ...options, scale: 4 }).scale).toBe(4);
    expect(validateDemoOptions({ ...options, scale: DEMO_MAX_SCALE }).scale).toBe(DEMO_MAX_SCALE);
  });

  it.each([0, -1, 1.5, DEMO_MAX_SCALE + 1, Number.NaN])('refuses scale %s before touching the disk', async (scale) => {
    expect(() => validateDemoOptions({ ...options, scale })).toThrow(DemoError);
    expect(() => validateDemoOptions({ ...options, scale })).toThrow(/demo scale must be a whole number from 1 to 64/);
    const dir = mkdtempSync(join(tmpdir(), 'monitor-demo-scale-'));
    try {
      await expect(generateDemoWarehouse(join(dir, 'never.duckdb'), { ...options, scale })).rejects.toMatchObject({ code: 'DEMO_INVALID_OPTIONS' });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo data at scale 1 and 2', () => {
  let standard: Counts;
  let explicitOne: Counts;
  let doubled: Counts;
  let doubledData: DemoData;
  let standardData: DemoData;
  beforeAll(() => {
    standardData = buildDemoData(validateDemoOptions(options));
    standard = countRows(standardData);
    explicitOne = countRows(buildDemoData(validateDemoOptions({ ...options, scale: 1 })));
    doubledData = buildDemoData(validateDemoOptions({ ...options, scale: 2 }));
    doubled = countRows(doubledData);
  });

  it('scale 1 is the default data, value for value', () => {
    expect(explicitOne).toEqual(standard);
  });

  it('scale 2 doubles the users and about doubles every per-user table', () => {
    expect(doubled.users).toBe(2 * standard.users);
    expect(doubled.usageUsers / standard.usageUsers).toBeGreaterThan(1.9);
    expect(doubled.usageUsers / standard.usageUsers).toBeLessThan(2.1);
    for (const table of ['usageRows', 'events', 'snapshotRows'] as const) {
      const ratio = doubled[table] / standard[table];
      expect(ratio, table).toBeGreaterThan(1.85);
      expect(ratio, table).toBeLessThan(2.15);
    }
  });

  it('keeps the tables that are not per user, the org roster and the anomaly plan', () => {
    expect(doubled.apiRows).toBe(standard.apiRows);
    expect(doubled.gpuRows).toBe(standard.gpuRows);
    expect(doubledData.orgs.map((org) => [org.orgId, org.name, org.type, org.excluded])).toEqual(
      standardData.orgs.map((org) => [org.orgId, org.name, org.type, org.excluded]),
    );
    expect(doubledData.orgs.map((org) => org.seats)).toEqual(standardData.orgs.map((org) => 2 * org.seats));
    expect(doubledData.plan.anomalies).toEqual(standardData.plan.anomalies);
    expect(doubledData.plan.anomalies).toEqual(plannedAnomalies({ ...options, scale: 2 }));
  });

  it('keeps user ids in the u + digits form, unique', () => {
    const numbers = new Set(doubledData.population.publicNumber);
    expect(numbers.size).toBe(doubled.users);
    expect(Math.min(...numbers)).toBe(100_001);
    expect(Math.max(...numbers)).toBe(100_000 + doubled.users);
  });
});

describe('the demo random stream', () => {
  it('is pure-rand xoroshiro128+ seeded with streamSeed, draw for draw', () => {
    for (const [seed, stream] of [[42, 'usage'], [7, 'api-requests'], [-3, ''], [2_147_483_647, 'population']] as const) {
      const ours = new Rng(seed, stream);
      const reference = xoroshiro128plus(streamSeed(seed, stream));
      const drawn = Array.from({ length: 2_000 }, () => ours.next());
      expect(drawn).toEqual(Array.from({ length: 2_000 }, () => reference.next()));
    }
  });
});

describe('monitor demo generate --scale (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitor-demo-scale-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** One line on stderr saying what is wrong and how to fix it, usage exit code, nothing written. */
  function expectScaleError(result: CliResult, typed: string): void {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^monitor: error: [^\n]+ \(hint: [^\n]+\)\n$/);
    expect(result.stderr).toContain('--scale: a scale is a whole number from 1 to 64');
    expect(result.stderr).toContain(`(got ${JSON.stringify(typed)})`);
    expect(result.stderr).not.toMatch(/NaN|null/);
    expect(result.code).toBe(2);
  }

  it.each(['0', 'x', '65', '2.5'])('--scale %s is a usage error', (typed) => {
    const out = join(dir, `scale-${typed}.duckdb`);
    expectScaleError(runCli(['demo', 'generate', '--scale', typed, '--out', out], { MONITOR_HOME: join(dir, 'home') }), typed);
    expect(existsSync(out)).toBe(false);
  });

  it('documents --scale in the help', () => {
    const result = runCli(['demo', 'generate', '--help'], { MONITOR_HOME: join(dir, 'home') });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--scale <n>\s+multiply the users by n/);
  });
});
