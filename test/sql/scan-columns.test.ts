import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_HISTORY_DAYS } from '../../src/alerts/lifecycle.js';
import { drillDownRequest } from '../../src/commands/estimate.js';
import { loadConfig } from '../../src/config/load.js';
import { LOGICAL_TABLES, type LogicalTable } from '../../src/config/schema.js';
import { addDays, daysBetween, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import { DOMAINS, DOMAIN_NAMES } from '../../src/domains/registry.js';
import { sqlFilePath } from '../../src/domains/sql-file.js';
import { buildDomainQuery } from '../../src/run/run-domain.js';
import { renderSql } from '../../src/warehouse/dialect.js';
import type { QueryRequest } from '../../src/warehouse/types.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { copyFixtureWarehouse } from '../helpers/fixture-template.js';
import { BIGQUERY_TABLES, placeholderParams, selects, sqlParser, type SqlNode } from '../helpers/parsed-sql.js';

/**
 * README "What a default run scans" against the SQL itself: for every domain query and
 * drill-down, the source tables it reads, the columns of each it references (taken from
 * the parsed SQL, so the table cannot drift from the files) and the partition range a
 * default run reads (from the very requests the run and --estimate build).
 */

const FILES = DOMAINS.flatMap((d) => [d.sqlFile, d.drillDown.sqlFile]);
/** The shipped config: what "a default run" means. */
const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });

type Node = SqlNode;

/** The column references of one SELECT's own scope: not its CTEs, UNION branches or subqueries. */
function* ownColumnRefs(node: unknown, root = true): Generator<Node> {
  if (Array.isArray(node)) {
    for (const child of node) yield* ownColumnRefs(child, false);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Node;
  if (!root && record['type'] === 'select') return;
  if (record['type'] === 'column_ref') {
    yield record;
    return;
  }
  for (const [key, value] of Object.entries(record)) {
    if (root && (key === 'with' || key === '_next')) continue;
    yield* ownColumnRefs(value, false);
  }
}

function columnName(ref: Node): string {
  const column = ref['column'];
  return typeof column === 'string' ? column : String(((column as Node)['expr'] as Node)['value']);
}

/**
 * Source table → the columns a file references in it. A column belongs to a source table
 * when the SELECT reading the table names it through the table's alias, or unqualified
 * when the table is that SELECT's only FROM item. An unqualified name in a SELECT joining
 * a source table with something else must be one of the SELECT's own output aliases
 * (GROUP BY member), else the attribution is ambiguous and the test fails.
 */
function columnsRead(file: string): Map<LogicalTable, Set<string>> {
  const source = readFileSync(sqlFilePath(file), 'utf8');
  const ast = sqlParser.astify(renderSql(source, 'bigquery', BIGQUERY_TABLES, placeholderParams(source)), { database: 'BigQuery' });
  const read = new Map<LogicalTable, Set<string>>();
  for (const select of selects(ast)) {
    const from = (select['from'] as Node[] | null) ?? [];
    const outputAliases = new Set(((select['columns'] as Node[] | null) ?? []).map((c) => c['as']).filter((a): a is string => typeof a === 'string'));
    for (const item of from) {
      const table = LOGICAL_TABLES.find((t) => BIGQUERY_TABLES[t] === item['table']);
      if (table === undefined) continue;
      const alias = (item['as'] as string | null) ?? null;
      const columns = read.get(table) ?? new Set<string>();
      for (const ref of ownColumnRefs(select)) {
        const qualifier = ref['table'] as string | null;
        const name = columnName(ref);
        if (qualifier === null && from.length > 1) {
          if (outputAliases.has(name)) continue;
          throw new Error(`${file}: unqualified column ${name} in a SELECT that joins ${table} with other tables`);
        }
        if (qualifier !== null && qualifier !== alias && qualifier !== item['table']) continue;
        columns.add(name);
      }
      read.set(table, columns);
    }
  }
  return read;
}

interface ReadmeRow {
  readonly file: string;
  readonly table: string;
  readonly columns: string[];
  readonly partitions: string;
}

/** The rows of the README table between <!-- scan:start --> and <!-- scan:end -->. */
function readmeRows(): ReadmeRow[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = /<!-- scan:start -->([\s\S]*?)<!-- scan:end -->/.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no <!-- scan:start --> … <!-- scan:end --> section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `sql/'))
    .map((line) => {
      const [file = '', table = '', columns = '', partitions = ''] = line.split('|').slice(1, -1).map((cell) => cell.trim());
      return {
        file: file.replace(/^`sql\/|`$/g, ''),
        table: table.replace(/`/g, ''),
        columns: columns.replace(/`/g, '').split(',').map((c) => c.trim()).filter((c) => c !== ''),
        partitions,
      };
    });
}

/** First and last day the request reads: its earliest and latest DATE parameter. */
function daysRead(request: QueryRequest, target: IsoDate): number {
  const dates = Object.values(request.params)
    .flatMap((p) => (p.type === 'DATE' ? [p.value] : []))
    .sort();
  expect(dates.at(-1)).toBe(target);
  return daysBetween(dates[0] as IsoDate, target) + 1;
}

/** "N days" when every target date of a year reads N days, else "N–M days". */
function partitionDays(file: string): string {
  const domain = DOMAINS.find((d) => d.sqlFile === file || d.drillDown.sqlFile === file);
  if (domain === undefined) throw new Error(`no domain for ${file}`);
  const counts = new Set<number>();
  for (let k = 0; k < 366; k += 1) {
    const target = addDays(isoDate('2026-01-01'), k);
    const request =
      file === domain.sqlFile
        ? buildDomainQuery({ domain, config, from: addDays(target, -LIFECYCLE_HISTORY_DAYS), to: target, toolVersion: 'test' })
        : drillDownRequest(domain, config, target, 'test');
    if (request === undefined) throw new Error(`${file}: no drill-down with the shipped config`);
    counts.add(daysRead(request, target));
  }
  const [min, max] = [Math.min(...counts), Math.max(...counts)];
  return min === max ? `${min} days` : `${min}–${max} days`;
}

let dir: string;
/** The demo warehouse's own columns per table: every column a query reads must be one. */
const schema = new Map<string, Set<string>>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-scan-columns-'));
  const path = join(dir, 'fixture.duckdb');
  copyFixtureWarehouse(path);
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT table_name, column_name FROM information_schema.columns');
    for (const [table, column] of reader.getRows() as [string, string][]) schema.set(table, (schema.get(table) ?? new Set()).add(column));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('README "What a default run scans"', () => {
  const rows = readmeRows();

  it('lists every domain query and drill-down, each source table once', () => {
    expect([...new Set(rows.map((r) => r.file))].sort()).toEqual([...FILES].sort());
    expect(new Set(rows.map((r) => `${r.file} ${r.table}`)).size).toBe(rows.length);
  });

  describe.each(FILES)('%s', (file) => {
    const read = columnsRead(file);

    it('names exactly the source tables the SQL reads', () => {
      expect(rows.filter((r) => r.file === file).map((r) => r.table).sort()).toEqual([...read.keys()].sort());
    });

    it('names exactly the columns the SQL references in each, all real columns of the table', () => {
      for (const [table, columns] of read) {
        const row = rows.find((r) => r.file === file && r.table === table);
        expect(row?.columns.slice().sort(), `${file} ${table}`).toEqual([...columns].sort());
        const real = schema.get(table);
        expect(real, table).toBeDefined();
        for (const column of columns) expect(real?.has(column), `${file}: ${table}.${column}`).toBe(true);
      }
    });

    it('gives the partition range the run (or --estimate for the drill-down) builds with the shipped config', () => {
      const days = partitionDays(file);
      for (const row of rows.filter((r) => r.file === file)) {
        if (schema.get(row.table)?.has('dt')) expect(row.partitions, `${file} ${row.table}`).toMatch(new RegExp(`^${days}\\b`));
        else expect(row.partitions, `${file} ${row.table}`).toMatch(/^whole table/);
      }
    });
  });

  it('attributes columns by alias: a column of the other joined table is not counted', () => {
    const read = columnsRead('drilldown/usage.sql');
    expect([...(read.get('enterprise_orgs') ?? [])].sort()).toEqual(['enterprise_type', 'excluded', 'org_id', 'org_name']);
    expect(read.get('usage_daily')?.has('org_name')).toBe(false);
  });
});
