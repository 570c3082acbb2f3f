import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from '../warehouse/duckdb-api.js';
import type { ApiRequestRows } from './api-requests.js';
import { ERROR_SOURCES, ENDPOINTS, MODEL_NAMES, RESOLUTION_NAMES, RESULTS, STUDIO_PROCESSES, SUBSCRIPTION_EVENT_TYPES, TIERS, TIER_PRICE_USD } from './catalog.js';
import { DEMO_GENERATOR_VERSION, DEMO_TABLES } from './constants.js';
import type { DemoData } from './demo-data.js';
import { COST_CATEGORIES, VERTICALS, type GpuCostRows } from './gpu-cost.js';
import {
  API_REQUEST_CODES, DDL, INSERT_API_REQUESTS, INSERT_GPU_COST, INSERT_SUBSCRIPTIONS_DAILY, INSERT_SUBSCRIPTION_EVENTS, INSERT_USAGE,
  SUBSCRIPTIONS_DAILY_CODES, USAGE_CODES,
} from './schema.js';
import type { PackedLayout } from './packing.js';
import { expandSubscriptionPeriods, type SubscriptionDayRows } from './subscriptions-daily.js';
import { byte, double, int, stageColumns, type StagingColumn } from './staging.js';
import type { InjectedAnomaly } from './types.js';
import type { UsageRows } from './usage.js';

/**
 * Writes a complete demo warehouse to a new DuckDB file at `path` from the data `build`
 * returns, and returns that data with the row count of every data table. Connections
 * and instance are closed even on failure (after any running statement has ended), so
 * the process can exit and the caller can delete a partial file.
 *
 * DuckDB runs each INSERT on its own threads while this (the only JavaScript thread)
 * generates the next batch: every table has its own loader and connections, and the
 * tables that are quick to generate come first, so that the database has work early.
 * Writing, not generating, is most of the cost (string columns: building, compressing).
 */
export async function writeDemoWarehouse(path: string, build: () => DemoData): Promise<{ data: DemoData; rowCounts: Record<string, number> }> {
  // DuckDB opens the file on a worker thread while the population is drawn here.
  const opening = duckdb.DuckDBInstance.create(path);
  let data: DemoData;
  try {
    data = build();
  } catch (error) {
    await opening.then((instance) => instance.closeSync(), () => undefined);
    throw error;
  }
  const instance = await opening;
  const connections: DuckDBConnection[] = [];
  const loaders: TableLoader[] = [];
  const connect = async (): Promise<DuckDBConnection> => {
    const connection = await instance.connect();
    connections.push(connection);
    return connection;
  };
  const loader = async (stage: string, insert: Insert, turns: number): Promise<TableLoader> => {
    const opened = new TableLoader(await Promise.all(Array.from({ length: turns }, connect)), stage, insert);
    loaders.push(opened);
    return opened;
  };
  try {
    const main = await connect();
    for (const ddl of Object.values(DDL)) await main.run(ddl);
    await writeOrgs(main, data);
    const { start } = data.calendar;
    const tiers = nameList(TIERS);
    const codes = new Codes();

    // api_requests first: it needs no subscriptions, so DuckDB gets work while they are simulated.
    const requestIds = data.calendar.dates.map((date) => `req_${date.replaceAll('-', '')}_`);
    const apiLists = [data.customers.map((c) => c.name), ENDPOINTS.map((e) => e.name), MODEL_NAMES, RESOLUTION_NAMES, RESULTS, ERROR_SOURCES, requestIds];
    const requests = await loader('stage_api_requests', insertWith(INSERT_API_REQUESTS, start, apiLists.map(nameList)), 2);
    for (const batch of data.apiRequestBatches()) await requests.load(apiRequestColumns(batch, codes));

    const events = await loader('stage_subscription_events', insertWith(INSERT_SUBSCRIPTION_EVENTS, start, [nameList(SUBSCRIPTION_EVENT_TYPES), tiers]), 1);
    await events.load(eventColumns(data));
    const prices: Parameter = { value: duckdb.listValue([...TIER_PRICE_USD]), type: duckdb.LIST(duckdb.DOUBLE) };
    const snapshots = await loader('stage_subscriptions_daily', insertWith(INSERT_SUBSCRIPTIONS_DAILY, start, [tiers, prices]), 2);
    for (const batch of expandSubscriptionPeriods(data.subscriptions().periods, data.population, data.calendar.days)) {
      await snapshots.load(subscriptionDayColumns(batch, codes));
    }

    const gpuLists = [VERTICALS, COST_CATEGORIES, ENDPOINTS.map((e) => e.name), MODEL_NAMES, data.customers.map((c) => c.name), STUDIO_PROCESSES.map((p) => p.name), RESULTS];
    const gpu = await loader('stage_gpu_cost', insertWith(INSERT_GPU_COST, start, gpuLists.map(nameList)), 1);
    await gpu.load(gpuCostColumns(data.gpuCost()));

    const usage = await loader('stage_usage', insertWith(INSERT_USAGE, start, [nameList(data.orgs.map((org) => org.orgId)), tiers]), 2);
    const userNumbers = new UserNumbers(data);
    for (const batch of data.usageBatches()) await usage.load(usageColumns(batch, userNumbers, codes));

    await writeGroundTruth(main, data);
    for (const each of loaders) await each.finish();
    const rowCounts = await countRows(main);
    await main.run('CHECKPOINT');
    return { data, rowCounts };
  } finally {
    await Promise.all(loaders.map((each) => each.settled()));
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
  }
}

type Insert = (connection: DuckDBConnection) => Promise<void>;
interface Parameter {
  value: DuckDBValue;
  type: DuckDBType;
}

const nameList = (names: readonly string[]): Parameter => ({ value: duckdb.listValue([...names]), type: duckdb.LIST(duckdb.VARCHAR) });

/** An INSERT … SELECT whose $1 is the first date and $2… are the given lists. */
function insertWith(sql: string, start: string, lists: readonly Parameter[]): Insert {
  const values: DuckDBValue[] = [start, ...lists.map((list) => list.value)];
  const types: DuckDBType[] = [duckdb.VARCHAR, ...lists.map((list) => list.type)];
  return async (connection) => {
    await connection.run(sql, values, types);
  };
}

/**
 * Moves one table's rows into DuckDB batch by batch: each batch is staged in a TEMP
 * table (numbers only) and turned into the table's rows by an INSERT … SELECT that adds
 * names and dates. With two connections taking turns, the next batch is staged while the
 * previous one is being inserted; the INSERTs still run one after another, in batch
 * order, so rows land in the order they were generated.
 */
class TableLoader {
  private turn = 0;
  /** The last INSERT queued; each waits for the one before. */
  private tail: Promise<void> = Promise.resolve();
  private readonly busy: Promise<void>[];

  constructor(
    private readonly connections: readonly DuckDBConnection[],
    private readonly stage: string,
    private readonly insert: Insert,
  ) {
    this.busy = connections.map(() => Promise.resolve());
  }

  /** Resolves once the batch is staged (its arrays may then be reused), not when it is inserted. */
  async load(columns: readonly StagingColumn[]): Promise<void> {
    const turn = this.turn;
    this.turn = (turn + 1) % this.connections.length;
    const connection = this.connections[turn] as DuckDBConnection;
    // This connection's previous batch must be inserted (and its stage dropped) first;
    // an INSERT that failed throws here.
    await this.busy[turn];
    await stageColumns(connection, this.stage, columns);
    const inserted = this.tail.then(async () => {
      await this.insert(connection);
      await connection.run(`DROP TABLE ${this.stage}`);
    });
    // Reported by the next load() or by finish(); never an unhandled rejection meanwhile.
    inserted.catch(() => undefined);
    this.busy[turn] = inserted;
    this.tail = inserted;
  }

  /** Waits for every queued INSERT; throws if one failed. */
  async finish(): Promise<void> {
    await this.tail;
  }

  /** Resolves when nothing runs any more, failed or not. */
  async settled(): Promise<void> {
    await this.tail.catch(() => undefined);
  }
}

/** Maps population indexes to the public numbers behind user_id, into one reused buffer. */
class UserNumbers {
  private buffer = new Int32Array(0);

  constructor(private readonly data: DemoData) {}

  of(users: Int32Array): Int32Array {
    if (this.buffer.length < users.length) this.buffer = new Int32Array(users.length);
    const out = this.buffer.subarray(0, users.length);
    const { publicNumber } = this.data.population;
    for (let i = 0; i < users.length; i++) out[i] = publicNumber[users[i] ?? 0] ?? 0;
    return out;
  }
}

/** One reused buffer for the packed code column (a batch is staged before the next is packed). */
class Codes {
  private buffer = new Int32Array(0);

  pack(layout: PackedLayout, values: readonly ArrayLike<number>[], n: number): Int32Array {
    if (this.buffer.length < n) this.buffer = new Int32Array(n);
    return layout.pack(values, n, this.buffer);
  }
}

async function writeOrgs(connection: DuckDBConnection, data: DemoData): Promise<void> {
  const statement = await connection.prepare('INSERT INTO enterprise_orgs VALUES ($1, $2, $3, $4, $5, $6)');
  for (const org of data.orgs) {
    statement.bindVarchar(1, org.orgId);
    statement.bindVarchar(2, org.name);
    statement.bindVarchar(3, org.type);
    statement.bindInteger(4, org.seats);
    statement.bindBigInt(5, BigInt(data.quotas[org.index] ?? 0));
    statement.bindBoolean(6, org.excluded);
    await statement.run();
  }
  statement.destroySync();
}

function eventColumns(data: DemoData): StagingColumn[] {
  const { events } = data.subscriptions();
  const users = events.user.values();
  const { publicNumber } = data.population;
  return [
    int('day', events.day.values()), int('user_number', users.map((user) => publicNumber[user] ?? 0)),
    int('event_type', events.type.values()), int('tier', events.tier.values()),
    double('amount', events.amount.values()), byte('internal', events.internal.values()),
  ];
}

function subscriptionDayColumns(rows: SubscriptionDayRows, codes: Codes): StagingColumn[] {
  const n = rows.length;
  return [
    int(SUBSCRIPTIONS_DAILY_CODES.column, codes.pack(SUBSCRIPTIONS_DAILY_CODES, [rows.day, rows.tier, rows.internal], n)),
    int('user_number', rows.userNumber.subarray(0, n)),
  ];
}

function usageColumns(rows: UsageRows, userNumbers: UserNumbers, codes: Codes): StagingColumn[] {
  const n = rows.length;
  return [
    int(USAGE_CODES.column, codes.pack(USAGE_CODES, [rows.day, rows.org, rows.tier, rows.internal], n)),
    int('user_number', userNumbers.of(rows.user.subarray(0, n))), int('tokens', rows.tokens.subarray(0, n)),
    int('images', rows.images.subarray(0, n)), int('videos', rows.videos.subarray(0, n)),
  ];
}

function gpuCostColumns(rows: GpuCostRows): StagingColumn[] {
  return [
    int('day', rows.day.values()), int('vertical', rows.vertical.values()), int('category', rows.category.values()),
    int('endpoint', rows.endpoint.values()), int('model', rows.model.values()), int('customer', rows.customer.values()),
    int('process', rows.process.values()), int('result', rows.result.values()), int('requests', rows.requests.values()),
    double('row_cost', rows.rowCost.values()), double('attributed_idle', rows.attributedIdle.values()),
    double('attributed_overhead', rows.attributedOverhead.values()), byte('internal', rows.internal.values()),
  ];
}

function apiRequestColumns(rows: ApiRequestRows, codes: Codes): StagingColumn[] {
  const n = rows.length;
  const packed = [rows.day, rows.customer, rows.endpoint, rows.model, rows.resolution, rows.result, rows.errorSource, rows.internal];
  return [
    int(API_REQUEST_CODES.column, codes.pack(API_REQUEST_CODES, packed, n)),
    int('sequence', rows.sequence.subarray(0, n)), int('ms_of_day', rows.msOfDay.subarray(0, n)),
    int('processing_ms', rows.processingMs.subarray(0, n)), int('inference_ms', rows.inferenceMs.subarray(0, n)),
    int('queue_ms', rows.queueMs.subarray(0, n)),
  ];
}

async function writeGroundTruth(connection: DuckDBConnection, data: DemoData): Promise<void> {
  const { seed, days } = data.options;
  await connection.run('INSERT INTO demo_meta VALUES ($1, $2, CAST($3 AS DATE), CAST($4 AS DATE), $5)', [
    seed, days, data.calendar.start, data.calendar.date(data.calendar.lastIndex), DEMO_GENERATOR_VERSION,
  ]);
  const statement = await connection.prepare(
    'INSERT INTO demo_anomalies VALUES ($1, $2, $3, $4, CAST($5 AS DATE), CAST($6 AS DATE), $7, $8, $9, $10, $11, $12)',
  );
  for (const anomaly of data.plan.anomalies) {
    statement.bind(anomalyValues(anomaly));
    await statement.run();
  }
  statement.destroySync();
}

function anomalyValues(anomaly: InjectedAnomaly): DuckDBValue[] {
  return [
    anomaly.id, anomaly.domain, anomaly.series, anomaly.metric, anomaly.start, anomaly.end, anomaly.direction,
    anomaly.expectedSeverity, anomaly.magnitude, anomaly.cause, anomaly.rootCause?.dimension ?? null, anomaly.rootCause?.member ?? null,
  ];
}

async function countRows(connection: DuckDBConnection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DEMO_TABLES) {
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
    counts[table] = Number(reader.getRows()[0]?.[0] ?? 0);
  }
  return counts;
}
