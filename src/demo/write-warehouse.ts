import { DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { ERROR_SOURCES, ENDPOINTS, MODEL_NAMES, RESOLUTION_NAMES, RESULTS, STUDIO_PROCESSES, SUBSCRIPTION_EVENT_TYPES, TIERS, TIER_PRICE_USD } from './catalog.js';
import { DEMO_GENERATOR_VERSION, DEMO_TABLES } from './constants.js';
import type { DemoData } from './demo-data.js';
import { COST_CATEGORIES, VERTICALS } from './gpu-cost.js';
import { DDL, INSERT_API_REQUESTS, INSERT_GPU_COST, INSERT_SUBSCRIPTIONS_DAILY, INSERT_SUBSCRIPTION_EVENTS, INSERT_USAGE } from './schema.js';
import { double, flag, int, stageColumns } from './staging.js';
import type { InjectedAnomaly } from './types.js';

/**
 * Writes a complete demo warehouse to a new DuckDB file at `path` and returns the row
 * count of every data table. The connection and instance are closed even on failure,
 * so the process can exit and the caller can delete a partial file.
 */
export async function writeDemoWarehouse(path: string, data: DemoData): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(path);
  try {
    const connection = await instance.connect();
    try {
      for (const ddl of Object.values(DDL)) await connection.run(ddl);
      await writeOrgs(connection, data);
      await writeUsage(connection, data);
      await writeSubscriptions(connection, data);
      await writeGpuCost(connection, data);
      await writeApiRequests(connection, data);
      await writeGroundTruth(connection, data);
      const rowCounts = await countRows(connection);
      await connection.run('CHECKPOINT');
      return rowCounts;
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Runs an INSERT … SELECT whose $1 is the first date and $2… are name lists. */
async function insertFromStage(connection: DuckDBConnection, sql: string, data: DemoData, lists: readonly (readonly string[])[], stage: string): Promise<void> {
  const values: DuckDBValue[] = [data.calendar.start, ...lists.map((list) => listValue([...list]))];
  const types: DuckDBType[] = [VARCHAR, ...lists.map(() => LIST(VARCHAR))];
  await connection.run(sql, values, types);
  await connection.run(`DROP TABLE ${stage}`);
}

function publicNumbers(data: DemoData, users: Int32Array): Int32Array {
  const { publicNumber } = data.population;
  return users.map((user) => publicNumber[user] ?? 0);
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

async function writeUsage(connection: DuckDBConnection, data: DemoData): Promise<void> {
  const rows = data.usage;
  await stageColumns(connection, 'stage_usage', [
    int('day', rows.day.values()), int('user_number', publicNumbers(data, rows.user.values())),
    int('org', rows.org.values()), int('tier', rows.tier.values()), int('tokens', rows.tokens.values()),
    int('images', rows.images.values()), int('videos', rows.videos.values()), flag('internal', rows.internal.values()),
  ]);
  await insertFromStage(connection, INSERT_USAGE, data, [data.orgs.map((org) => org.orgId), TIERS], 'stage_usage');
}

async function writeSubscriptions(connection: DuckDBConnection, data: DemoData): Promise<void> {
  const { events, periods } = data.subscriptions;
  await stageColumns(connection, 'stage_subscription_events', [
    int('day', events.day.values()), int('user_number', publicNumbers(data, events.user.values())),
    int('event_type', events.type.values()), int('tier', events.tier.values()),
    double('amount', events.amount.values()), flag('internal', events.internal.values()),
  ]);
  await insertFromStage(connection, INSERT_SUBSCRIPTION_EVENTS, data, [SUBSCRIPTION_EVENT_TYPES, TIERS], 'stage_subscription_events');
  const tiers = periods.tier.values();
  await stageColumns(connection, 'stage_periods', [
    int('user_number', publicNumbers(data, periods.user.values())), int('tier', tiers),
    int('start_day', periods.startDay.values()), int('end_day', periods.endDay.values()),
    double('mrr', Float64Array.from(tiers, (tier) => TIER_PRICE_USD[tier] ?? 0)), flag('internal', periods.internal.values()),
  ]);
  await insertFromStage(connection, INSERT_SUBSCRIPTIONS_DAILY, data, [TIERS], 'stage_periods');
}

async function writeGpuCost(connection: DuckDBConnection, data: DemoData): Promise<void> {
  const rows = data.gpuCost;
  await stageColumns(connection, 'stage_gpu_cost', [
    int('day', rows.day.values()), int('vertical', rows.vertical.values()), int('category', rows.category.values()),
    int('endpoint', rows.endpoint.values()), int('model', rows.model.values()), int('customer', rows.customer.values()),
    int('process', rows.process.values()), int('result', rows.result.values()), int('requests', rows.requests.values()),
    double('row_cost', rows.rowCost.values()), double('attributed_idle', rows.attributedIdle.values()),
    double('attributed_overhead', rows.attributedOverhead.values()), flag('internal', rows.internal.values()),
  ]);
  const lists = [VERTICALS, COST_CATEGORIES, ENDPOINTS.map((e) => e.name), MODEL_NAMES, data.customers.map((c) => c.name), STUDIO_PROCESSES.map((p) => p.name), RESULTS];
  await insertFromStage(connection, INSERT_GPU_COST, data, lists, 'stage_gpu_cost');
}

async function writeApiRequests(connection: DuckDBConnection, data: DemoData): Promise<void> {
  const rows = data.apiRequests;
  await stageColumns(connection, 'stage_api_requests', [
    int('day', rows.day.values()), int('sequence', rows.sequence.values()), int('ms_of_day', rows.msOfDay.values()),
    int('customer', rows.customer.values()), int('endpoint', rows.endpoint.values()), int('model', rows.model.values()),
    int('resolution', rows.resolution.values()), int('result', rows.result.values()), int('error_source', rows.errorSource.values()),
    int('processing_ms', rows.processingMs.values()), int('inference_ms', rows.inferenceMs.values()),
    int('queue_ms', rows.queueMs.values()), flag('internal', rows.internal.values()),
  ]);
  const lists = [data.customers.map((c) => c.name), ENDPOINTS.map((e) => e.name), MODEL_NAMES, RESOLUTION_NAMES, RESULTS, ERROR_SOURCES];
  await insertFromStage(connection, INSERT_API_REQUESTS, data, lists, 'stage_api_requests');
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
