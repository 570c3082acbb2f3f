import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOGICAL_TABLES, type LogicalTable } from '../../src/config/schema.js';
import { sqlFilePath } from '../../src/domains/sql-file.js';
import { DOMAINS } from '../../src/domains/registry.js';
import { renderSql } from '../../src/warehouse/dialect.js';
import { BIGQUERY_TABLES, placeholderParams, selects, sqlParser, type SqlNode } from '../helpers/parsed-sql.js';

const SQL_FILES = readdirSync(sqlFilePath('.')).filter((f) => f.endsWith('.sql'));
/** Root-cause drill-down queries, one per domain, named as DrillDownDefinition.sqlFile names them. */
const DRILLDOWN_FILES = readdirSync(sqlFilePath('drilldown'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => `drilldown/${f}`);
/** Reference tables carry no dt: DOMAINS.md's enterprise_orgs is a dimension, not a partitioned fact table. */
const UNPARTITIONED: readonly LogicalTable[] = ['enterprise_orgs'];

type Node = SqlNode;
function isDtColumn(node: unknown): boolean {
  const n = node as Node | undefined;
  const column = (n?.['column'] as Node | undefined)?.['expr'] as Node | undefined;
  return n?.['type'] === 'column_ref' && (column?.['value'] === 'dt' || n?.['column'] === 'dt');
}

const isParam = (node: unknown): boolean => (node as Node | undefined)?.['type'] === 'param';

/** True when `where` ANDs in `dt BETWEEN @a AND @b` (or dt >= @a AND dt <= @b). */
function filtersDtWithParams(where: unknown): boolean {
  const bounds = new Set<string>();
  const visit = (node: unknown): void => {
    const n = node as Node | undefined;
    if (n?.['type'] !== 'binary_expr') return;
    const op = String(n['operator']);
    if (op === 'AND') {
      visit(n['left']);
      visit(n['right']);
    } else if (op === 'BETWEEN' && isDtColumn(n['left'])) {
      const values = ((n['right'] as Node)['value'] as unknown[]) ?? [];
      if (values.length === 2 && values.every(isParam)) bounds.add('both');
    } else if ((op === '>=' || op === '>') && isDtColumn(n['left']) && isParam(n['right'])) bounds.add('low');
    else if ((op === '<=' || op === '<') && isDtColumn(n['left']) && isParam(n['right'])) bounds.add('high');
  };
  visit(where);
  return bounds.has('both') || (bounds.has('low') && bounds.has('high'));
}

describe('sql/*.sql and sql/drilldown/*.sql', () => {
  it('has one file per domain and no orphan', () => {
    expect(SQL_FILES.sort()).toEqual(DOMAINS.map((d) => d.sqlFile).sort());
  });

  it('has one drill-down file per domain and no orphan', () => {
    expect(DRILLDOWN_FILES.sort()).toEqual(DOMAINS.map((d) => d.drillDown.sqlFile).sort());
  });

  describe.each([...SQL_FILES, ...DRILLDOWN_FILES])('%s', (file) => {
    const source = readFileSync(sqlFilePath(file), 'utf8');
    const bigQuerySql = renderSql(source, 'bigquery', BIGQUERY_TABLES, placeholderParams(source));

    it('parses as BigQuery Standard SQL, as rendered for a real project', () => {
      expect(() => sqlParser.astify(bigQuerySql, { database: 'BigQuery' })).not.toThrow();
    });

    it('filters the partition column dt of every fact table with bound parameters', () => {
      const ast = sqlParser.astify(bigQuerySql, { database: 'BigQuery' });
      const partitioned = LOGICAL_TABLES.filter((t) => !UNPARTITIONED.includes(t)).map((t) => BIGQUERY_TABLES[t]);
      let factReads = 0;
      for (const select of selects(ast)) {
        const from = (select['from'] as Node[] | null) ?? [];
        for (const item of from) {
          if (!partitioned.includes(String(item['table']))) continue;
          factReads += 1;
          expect(filtersDtWithParams(select['where']), `${file}: a read of ${String(item['table'])} without dt BETWEEN @a AND @b`).toBe(true);
        }
      }
      expect(factReads).toBeGreaterThan(0);
    });

    it('never splices values: no date or number literal compared with dt', () => {
      expect(source).not.toMatch(/\bdt\s*(=|>=|<=|>|<|BETWEEN)\s*(DATE\s*)?'/i);
    });

    it('uses array parameters only in the portable IN (SELECT * FROM UNNEST(@p)) form', () => {
      // `x IN UNNEST(@p)` is BigQuery-only: DuckDB rejects it and dialect.ts does not rewrite it.
      expect(source).not.toMatch(/\bIN\s+UNNEST\s*\(/i);
    });
  });

  describe.each(DOMAINS.map((d) => [d.name, d] as const))('%s', (_name, domain) => {
    // rewriteSql refuses a parameter the SQL uses but nobody binds, and one bound but unused:
    // rendering with the builders' real parameters proves file and builder agree.
    it('binds exactly the parameters buildDomainQuery and buildDrillDownQuery pass', async () => {
      const { loadConfig } = await import('../../src/config/load.js');
      const { buildDomainQuery } = await import('../../src/run/run-domain.js');
      const { buildDrillDownQuery } = await import('../../src/rootcause/drilldown-query.js');
      const { isoDate } = await import('../../src/dates/iso-date.js');
      const { config } = loadConfig({ knownDomains: DOMAINS.map((d) => d.name) });
      const date = isoDate('2026-03-20');
      const main = buildDomainQuery({ domain, config, from: date, to: date, toolVersion: 'test' });
      const drill = buildDrillDownQuery({ domain, config, series: ['x'], dates: [date, isoDate('2026-03-13')], toolVersion: 'test' });
      for (const request of [main, drill]) {
        expect(() => renderSql(request.sql, 'bigquery', BIGQUERY_TABLES, request.params), request.name).not.toThrow();
        expect(() => renderSql(request.sql, 'duckdb', BIGQUERY_TABLES, request.params), request.name).not.toThrow();
      }
    });
  });

  it('every domain query and drill-down query runs on DuckDB through the dialect layer and returns its columns', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { generateDemoWarehouse } = await import('../../src/demo/generate.js');
    const { loadConfig } = await import('../../src/config/load.js');
    const { openDuckDBWarehouse } = await import('../../src/warehouse/duckdb.js');
    const { buildDomainQuery } = await import('../../src/run/run-domain.js');
    const { buildDrillDownQuery } = await import('../../src/rootcause/drilldown-query.js');
    const { addDays, isoDate } = await import('../../src/dates/iso-date.js');
    const dir = mkdtempSync(join(tmpdir(), 'monitor-sql-'));
    try {
      await generateDemoWarehouse(join(dir, 'demo.duckdb'), { seed: 3, days: 120, end: isoDate('2026-03-31') });
      const { config } = loadConfig({ knownDomains: DOMAINS.map((d) => d.name) });
      const warehouse = await openDuckDBWarehouse(join(dir, 'demo.duckdb'), config.tables);
      try {
        for (const domain of DOMAINS) {
          const date = isoDate('2026-03-20');
          const rows = await warehouse.query(buildDomainQuery({ domain, config, from: date, to: date, toolVersion: 'test' }));
          expect(rows.length, domain.name).toBeGreaterThan(0);
          const columns = Object.keys(rows[0] ?? {});
          expect(columns, domain.name).toEqual(expect.arrayContaining(['dt', domain.seriesColumn, ...domain.metrics.map((m) => m.name)]));

          // The drill-down for every series the day has that drills into something.
          const series = [...new Set(rows.map((r) => String(r[domain.seriesColumn])))].filter((s) => domain.drillDown.dimensions(s).length > 0);
          const drill = await warehouse.query(buildDrillDownQuery({ domain, config, series, dates: [date, addDays(date, -7)], toolVersion: 'test' }));
          expect(drill.length, `${domain.name} drill-down`).toBeGreaterThan(0);
          const drillColumns = Object.keys(drill[0] ?? {});
          expect(drillColumns.slice(0, 4), `${domain.name} drill-down`).toEqual(['dt', 'series', 'dimension', 'member']);
          expect(drillColumns.slice(4).sort(), `${domain.name} drill-down`).toEqual(domain.metrics.map((m) => m.name).sort());
        }
      } finally {
        await warehouse.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the partition check catches a query that reads a fact table without the filter', () => {
    const bad = sqlParser.astify('SELECT dt FROM `my-project.analytics.usage_daily` WHERE is_internal = FALSE', { database: 'BigQuery' });
    const [select] = [...selects(bad)];
    expect(filtersDtWithParams(select?.['where'])).toBe(false);
    const literal = sqlParser.astify("SELECT dt FROM `p.d.usage_daily` WHERE dt BETWEEN '2026-01-01' AND @b", { database: 'BigQuery' });
    expect(filtersDtWithParams([...selects(literal)][0]?.['where'])).toBe(false);
  });
});
