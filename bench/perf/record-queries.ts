/**
 * Setup of the `run --all` floor: which queries does `monitor run --all --date D` send,
 * exactly? This records them by doing in-process what src/commands/run-domains.ts
 * scoreDomain does for each domain — the main query over [D − LIFECYCLE_HISTORY_DAYS, D]
 * (fetchDomainSeries), scoring (scoreRange), then the drill-down for the date's alerts
 * (attachContributors) — through a Warehouse wrapper that records every request, and
 * renders each with the DuckDB dialect (renderSql) as the warehouse would.
 *
 * Then it checks the recording against the real thing: the built CLI's main() runs
 * in-process once with DuckDBConnection.runAndReadAll wrapped, and the SQL texts and
 * bound values it sent must equal the recorded ones, or the harness stops (a floor that
 * runs other queries than the CLI would be meaningless).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { LIFECYCLE_HISTORY_DAYS } from '../../src/alerts/lifecycle.js';
import { resolveTargetDate } from '../../src/cli/target-date.js';
import { TOOL_VERSION } from '../../src/cli/version.js';
import { loadConfig } from '../../src/config/load.js';
import { addDays } from '../../src/dates/iso-date.js';
import { DOMAINS, DOMAIN_NAMES } from '../../src/domains/registry.js';
import { attachContributors } from '../../src/rootcause/attach-contributors.js';
import { fetchDomainSeries, scoreRange } from '../../src/run/run-domain.js';
import { DUCKDB_BIGQUERY_MACROS, renderSql } from '../../src/warehouse/dialect.js';
import { bindParams, openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { QueryParams, QueryRequest, Warehouse } from '../../src/warehouse/types.js';
import type { BareQueriesFile } from './bare-queries.js';
import { DIST_CLI } from './bench-context.js';
import type { DemoWarehouse } from './demo-warehouses.js';

export interface RecordedQuery {
  readonly kind: 'main' | 'drilldown';
  readonly domain: string;
  readonly name: string;
  /** As the DuckDB warehouse renders it. */
  readonly sql: string;
  readonly params: QueryParams;
  readonly rows: number;
}

export interface RecordedRun {
  readonly queries: readonly RecordedQuery[];
  /** The JSON file bare-queries.mjs reads. */
  readonly file: string;
}

export async function recordRunAllQueries(warehouse: DemoWarehouse, date: string, file: string): Promise<RecordedRun> {
  const { config } = loadConfig({ path: warehouse.configPath, knownDomains: DOMAIN_NAMES });
  const inner = await openDuckDBWarehouse(warehouse.path, config.tables);
  const queries: RecordedQuery[] = [];
  let domain = '';
  const recording: Warehouse = {
    engine: inner.engine,
    description: inner.description,
    async query(request: QueryRequest) {
      const rows = await inner.query(request);
      queries.push({
        kind: request.labels['query'] === 'drilldown' ? 'drilldown' : 'main',
        domain,
        name: request.name,
        sql: renderSql(request.sql, 'duckdb', config.tables, request.params),
        params: request.params,
        rows: rows.length,
      });
      return rows;
    },
    close: () => inner.close(),
  };
  try {
    for (const definition of DOMAINS) {
      domain = definition.name;
      const target = resolveTargetDate(date, { timeZone: config.timezone, now: new Date(), lagDays: definition.lagDays });
      const range = { domain: definition, config, warehouse: recording, from: addDays(target, -LIFECYCLE_HISTORY_DAYS), to: target, toolVersion: TOOL_VERSION };
      const reports = scoreRange(range, await fetchDomainSeries(range));
      const scored = reports.at(-1);
      if (scored === undefined) throw new Error(`${domain}: no report for ${target}`);
      await attachContributors([scored], { domain: definition, config, warehouse: recording, toolVersion: TOOL_VERSION });
    }
  } finally {
    await recording.close();
  }
  await assertSameAsCli(queries, warehouse.configPath, date);
  const spec: BareQueriesFile = {
    database: warehouse.path,
    macros: DUCKDB_BIGQUERY_MACROS,
    queries: queries.map((q) => ({ kind: q.kind, sql: q.sql, params: q.params as BareQueriesFile['queries'][number]['params'] })),
  };
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return { queries, file };
}

interface SentQuery {
  readonly sql: string;
  readonly values: string;
}

/** The CLI's own queries for the same command, caught at the DuckDB connection. */
async function assertSameAsCli(recorded: readonly RecordedQuery[], configPath: string, date: string): Promise<void> {
  const { main } = (await import(pathToFileURL(DIST_CLI).href)) as { main: (argv: readonly string[], io: unknown) => Promise<number> };
  const sent: SentQuery[] = [];
  const prototype = DuckDBConnection.prototype as unknown as { runAndReadAll: (sql: string, values?: unknown, types?: unknown) => Promise<unknown> };
  const original = prototype.runAndReadAll;
  prototype.runAndReadAll = function (this: unknown, sql: string, values?: unknown, types?: unknown) {
    sent.push({ sql, values: describeValues(values as Record<string, DuckDBValue> | undefined) });
    return original.call(this, sql, values, types);
  };
  const errors: string[] = [];
  let code: number;
  try {
    const io = { out: () => undefined, err: (text: string) => void errors.push(text), env: {}, now: () => new Date() };
    code = await main(['node', 'monitor', 'run', '--all', '--date', date, '--dry-run', '--config', configPath, '--format', 'json'], io);
  } finally {
    prototype.runAndReadAll = original;
  }
  if (code !== 0) throw new Error(`in-process run --all exited with ${code}: ${errors.join('').trim()}`);
  if (sent.length === 0) {
    throw new Error('caught no query from the CLI: dist/ does not share @duckdb/node-api with the harness, so the floor cannot be checked');
  }
  const ours = recorded.map((q) => ({ sql: q.sql, values: describeValues(bindParams(q.params).values) }));
  const key = (q: SentQuery): string => `${q.sql}\u0000${q.values}`;
  const theirs = sent.map(key).sort();
  const mine = ours.map(key).sort();
  if (theirs.length !== mine.length || theirs.some((k, i) => k !== mine[i])) {
    throw new Error(
      `the floor's queries differ from the CLI's: the CLI sent ${theirs.length}, the recording has ${mine.length}; ` +
        'src/commands/run-domains.ts scoreDomain changed (or dist/ is stale: npm run build) — update bench/perf/record-queries.ts',
    );
  }
}

function describeValues(values: Record<string, DuckDBValue> | undefined): string {
  if (values === undefined) return '';
  return Object.keys(values)
    .sort()
    .map((name) => `${name}=${String(values[name])}`)
    .join('; ');
}
