import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import { addDays, isoDate, type IsoDate } from '../../../src/dates/iso-date.js';

/** One row of the tiny `events` table; values come from a formula, not typed by hand. */
export interface EventRow {
  readonly dt: IsoDate;
  readonly org_id: string;
  readonly n: number;
  /** DECIMAL(18,2), as DuckDB prints it. */
  readonly amount: string;
  readonly ratio: number;
  readonly flag: boolean;
  /** Microseconds since the epoch (TIMESTAMP). */
  readonly atMicros: bigint;
  readonly note: string | null;
}

export const EVENT_COLUMNS = ['dt', 'org_id', 'n', 'amount', 'ratio', 'flag', 'seen_at', 'note'] as const;
export const TINY_FIRST_DAY = isoDate('2026-03-01');
const ORGS = ['org_a', 'org_b', 'org_c', 'org_d'] as const;

/** 40 events over 20 days, two a day, covering every result type the monitor reads. */
export function tinyEvents(count = 40): EventRow[] {
  return Array.from({ length: count }, (_, i) => ({
    dt: addDays(TINY_FIRST_DAY, Math.floor(i / 2)),
    org_id: ORGS[i % ORGS.length] as string,
    n: i * 1_000_003,
    amount: `${i}.${String((i * 7) % 100).padStart(2, '0')}`,
    ratio: i / 8,
    flag: i % 3 === 0,
    atMicros: BigInt(Date.UTC(2026, 2, 1)) * 1000n + BigInt(i) * 3_600_000_000n + 123_456n,
    note: i % 5 === 0 ? null : `note ${i}`,
  }));
}

export interface TinyWarehouse {
  readonly path: string;
  readonly rows: readonly EventRow[];
  remove(): Promise<void>;
}

/** A DuckDB file with the `events` table, in a fresh temp directory. */
export async function createTinyWarehouse(): Promise<TinyWarehouse> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-bq-'));
  const path = join(dir, 'tiny.duckdb');
  const rows = tinyEvents();
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    await connection.run(
      'CREATE TABLE events (dt DATE, org_id VARCHAR, n BIGINT, amount DECIMAL(18,2), ratio DOUBLE, flag BOOLEAN, seen_at TIMESTAMP, note VARCHAR)',
    );
    for (const row of rows) {
      await connection.run(
        'INSERT INTO events VALUES (CAST($dt AS DATE), $org, $n, CAST($amount AS DECIMAL(18,2)), $ratio, $flag, make_timestamp($at), $note)',
        { dt: row.dt, org: row.org_id, n: BigInt(row.n), amount: row.amount, ratio: row.ratio, flag: row.flag, at: row.atMicros, note: row.note },
        { dt: VARCHAR, org: VARCHAR, n: BIGINT, amount: VARCHAR, ratio: DOUBLE, flag: BOOLEAN, at: BIGINT, note: VARCHAR },
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { path, rows, remove: () => rm(dir, { recursive: true, force: true }) };
}
