/**
 * The floor of `monitor demo generate`: DuckDB writing the rows the generator wrote,
 * with nothing left to compute. It copies every table of a generated warehouse into
 * in-memory TEMP tables first (not timed), then times only what any generator of this
 * data must do: CREATE TABLE … AS SELECT from those copies into a new database file, and
 * the CHECKPOINT that compresses and writes them. No simulation, no staging, no string
 * building from codes.
 *
 * Run as its own process (transpiled to .mjs by child-scripts.ts):
 *   node demo-write-floor.mjs <generated.duckdb> <scratch.duckdb> <table>…
 * (the tables: src/demo/constants.ts DEMO_TABLES, passed by the harness)
 * Prints {"seconds", "cpuSeconds", "rows"}: the timed part's wall and CPU time (this
 * process, DuckDB's threads included), and the rows written.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as DuckDBApi from '@duckdb/node-api';

// Loaded as the CLI loads it (src/warehouse/duckdb-api.ts).
const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDBApi;

const [source, target, ...TABLES] = process.argv.slice(2);
if (source === undefined || target === undefined || TABLES.length === 0) throw new Error('usage: demo-write-floor.mjs <generated.duckdb> <scratch.duckdb> <table>…');
rmSync(target, { force: true });
rmSync(`${target}.wal`, { force: true });
const instance = await DuckDBInstance.create(target);
const connection = await instance.connect();
await connection.run(`ATTACH '${source.replaceAll("'", "''")}' AS generated (READ_ONLY)`);
for (const table of TABLES) await connection.run(`CREATE TEMP TABLE memory_${table} AS SELECT * FROM generated.${table}`);
await connection.run('DETACH generated');

const cpu = process.cpuUsage();
const started = performance.now();
let rows = 0;
for (const table of TABLES) {
  await connection.run(`CREATE TABLE ${table} AS SELECT * FROM memory_${table}`);
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  rows += Number(reader.getRows()[0]?.[0] ?? 0);
}
await connection.run('CHECKPOINT');
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
connection.closeSync();
instance.closeSync();
rmSync(target, { force: true });
process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (used.user + used.system) / 1e6, rows }) + '\n');
