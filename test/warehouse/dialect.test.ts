import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoDate } from '../../src/dates/iso-date.js';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import { LOGICAL_TABLES, type LogicalTable } from '../../src/config/schema.js';
import { DialectError, quoteTable, renderSql } from '../../src/warehouse/dialect.js';
import { tokenizeSql } from '../../src/warehouse/sql-tokens.js';
import type { TableMap } from '../../src/warehouse/types.js';

const tables = Object.fromEntries(LOGICAL_TABLES.map((t) => [t, `proj-1.ds.${t}_v2`])) as Record<LogicalTable, string>;
const date = { type: 'DATE', value: isoDate('2026-03-01') } as const;

describe('tokenizeSql', () => {
  it('keeps strings, comments, identifiers and parameters apart', () => {
    const tokens = tokenizeSql("SELECT '@no', \"x\" -- @nope\nFROM `usage_daily` WHERE dt = @d /* @c */ # @h");
    expect(tokens.filter((t) => t.kind === 'param').map((t) => t.text)).toEqual(['@d']);
    expect(tokens.filter((t) => t.kind === 'quoted').map((t) => t.text)).toEqual(['`usage_daily`']);
    expect(tokens.filter((t) => t.kind === 'comment')).toHaveLength(3);
    expect(tokens.map((t) => t.text).join('')).toBe("SELECT '@no', \"x\" -- @nope\nFROM `usage_daily` WHERE dt = @d /* @c */ # @h");
  });

  it('handles escaped quotes and triple-quoted strings', () => {
    const sql = "SELECT 'it\\'s @x', '''multi ' @y line''' , @z";
    expect(tokenizeSql(sql).filter((t) => t.kind === 'param').map((t) => t.text)).toEqual(['@z']);
  });

  it('does not treat @@system variables as parameters', () => {
    expect(tokenizeSql('SELECT @@project_id').some((t) => t.kind === 'param')).toBe(false);
  });

  it('rejects unterminated strings and comments', () => {
    expect(() => tokenizeSql("SELECT 'oops")).toThrow(SyntaxError);
    expect(() => tokenizeSql('SELECT /* oops')).toThrow(SyntaxError);
  });
});

describe('renderSql', () => {
  const sql = "SELECT dt FROM `usage_daily` WHERE dt = @d AND note = '@d' -- @d\n";

  it('keeps BigQuery SQL and backtick-quotes the configured table', () => {
    expect(renderSql(sql, 'bigquery', tables, { d: date })).toBe(
      "SELECT dt FROM `proj-1.ds.usage_daily_v2` WHERE dt = @d AND note = '@d' -- @d\n",
    );
  });

  it('turns parameters into $name and quotes each table part for DuckDB', () => {
    expect(renderSql(sql, 'duckdb', tables, { d: date })).toBe(
      'SELECT dt FROM "proj-1"."ds"."usage_daily_v2" WHERE dt = $d AND note = \'@d\' -- @d\n',
    );
  });

  it('maps 0-based [OFFSET(i)] to DuckDB 1-based subscripts', () => {
    expect(renderSql('SELECT APPROX_QUANTILES(x + 1, 100)[OFFSET(95)], a[OFFSET(0)] FROM `api_requests`', 'duckdb', tables, {})).toBe(
      'SELECT APPROX_QUANTILES(x + 1, 100)[1 + (95)], a[1 + (0)] FROM "proj-1"."ds"."api_requests_v2"',
    );
  });

  it('takes one percentile of a column as one quantile, not all n + 1', () => {
    expect(renderSql('SELECT APPROX_QUANTILES(processing_ms, 100)[OFFSET(95)] AS p95 FROM `api_requests`', 'duckdb', tables, {})).toBe(
      'SELECT quantile_disc(processing_ms, 95 / 100) AS p95 FROM "proj-1"."ds"."api_requests_v2"',
    );
    // BigQuery runs the SQL as written.
    expect(renderSql('SELECT APPROX_QUANTILES(ms, 4)[OFFSET(1)]', 'bigquery', tables, {})).toBe('SELECT APPROX_QUANTILES(ms, 4)[OFFSET(1)]');
  });

  it('refuses an unknown backtick name, a missing and an unused parameter', () => {
    expect(() => renderSql('SELECT 1 FROM `users`', 'duckdb', tables, {})).toThrow(DialectError);
    expect(() => renderSql('SELECT @a', 'duckdb', tables, {})).toThrow(/@a/);
    expect(() => renderSql('SELECT 1', 'bigquery', tables, { d: date })).toThrow(/not used.*d/);
  });

  it('refuses to quote a table name that could break out of quoting', () => {
    const evil = { ...tables, usage_daily: 'x"; DROP TABLE y; --' } as TableMap;
    expect(() => renderSql('SELECT 1 FROM `usage_daily`', 'duckdb', evil, {})).toThrow(DialectError);
    expect(() => quoteTable('a`b', 'bigquery')).toThrow(DialectError);
  });
});

/** An in-memory DuckDB with the BigQuery macros, as a warehouse connection has them. */
async function withMacros(run: (connection: DuckDBConnection) => Promise<void>): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { DUCKDB_BIGQUERY_MACROS } = await import('../../src/warehouse/dialect.js');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const macro of DUCKDB_BIGQUERY_MACROS) await connection.run(macro);
    await run(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('BigQuery functions on DuckDB (macros + rewrite)', () => {
  it('SAFE_DIVIDE, UNIX_DATE and APPROX_QUANTILES(...)[OFFSET(i)] behave as on BigQuery', async () => {
    const { normalizeDuckDBResult } = await import('../../src/warehouse/normalize-duckdb.js');
    await withMacros(async (connection) => {
      const sql = renderSql(
        `SELECT SAFE_DIVIDE(1, 0) AS by_zero, SAFE_DIVIDE(1, 4) AS quarter, UNIX_DATE(DATE '1970-01-11') AS days,
                APPROX_QUANTILES(x, 100)[OFFSET(50)] AS p50, APPROX_QUANTILES(x, 100)[OFFSET(100)] AS p100,
                APPROX_QUANTILES(x, 4)[OFFSET(0)] AS p0
         FROM (SELECT range + 1 AS x FROM range(200)) AS t`,
        'duckdb',
        tables,
        {},
      );
      const reader = await connection.runAndReadAll(sql);
      expect(normalizeDuckDBResult(reader)[0]).toEqual({ by_zero: null, quarter: 0.25, days: 10, p50: 100, p100: 200, p0: 1 });
    });
  });

  it('one percentile, rewritten, equals the macro\'s element at every offset, with ties, NULLs and groups', async () => {
    await withMacros(async (connection) => {
      // Skewed values with ties and NULLs, in 13 groups of 5 to 154 rows.
      await connection.run(`CREATE TABLE t AS SELECT (i * 7919) % 13 AS g, CASE WHEN i % 11 = 0 THEN NULL ELSE round(exp(((i * 104729) % 1000) / 150.0)) END AS x
                            FROM range(2000) AS r(i) WHERE (i * 7919) % 13 <> 5 OR i < 70`);
      for (const n of [4, 7, 100]) {
        const offsets = Array.from({ length: n + 1 }, (_, p) => p);
        const rewritten = offsets.map((p) => `APPROX_QUANTILES(x, ${n})[OFFSET(${p})] AS q${p}`).join(', ');
        const viaMacro = offsets.map((p) => `approx_quantiles(x, ${n})[1 + (${p})] AS q${p}`).join(', ');
        const sql = renderSql(`SELECT g, ${rewritten} FROM t GROUP BY g ORDER BY g`, 'duckdb', tables, {});
        expect(sql).not.toMatch(/approx_quantiles/i);
        const got = (await connection.runAndReadAll(sql)).getRowObjectsJson();
        const expected = (await connection.runAndReadAll(`SELECT g, ${viaMacro} FROM t GROUP BY g ORDER BY g`)).getRowObjectsJson();
        expect(got).toEqual(expected);
        expect(got.length).toBe(13);
      }
    });
  });
});

describe('ARRAY parameters', () => {
  it('bind on DuckDB with the portable IN (SELECT * FROM UNNEST(@p)) form', async () => {
    const { openDuckDBWarehouse } = await import('../../src/warehouse/duckdb.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const dir = mkdtempSync(join(tmpdir(), 'monitor-dialect-'));
    const path = join(dir, 'tiny.duckdb');
    const instance = await DuckDBInstance.create(path);
    const setup = await instance.connect();
    await setup.run("CREATE TABLE enterprise_orgs AS SELECT * FROM (VALUES ('a', 1), ('b', 2), ('c', 3)) t(org_id, seats)");
    setup.closeSync();
    instance.closeSync();
    const simple = Object.fromEntries(LOGICAL_TABLES.map((t) => [t, t])) as Record<LogicalTable, string>;
    const warehouse = await openDuckDBWarehouse(path, simple);
    try {
      const rows = await warehouse.query({
        name: 'array.sql',
        sql: 'SELECT org_id FROM `enterprise_orgs` WHERE org_id IN (SELECT * FROM UNNEST(@orgs)) ORDER BY org_id',
        params: { orgs: { type: 'ARRAY<STRING>', value: ['a', 'c'] } },
        labels: {},
      });
      expect(rows).toEqual([{ org_id: 'a' }, { org_id: 'c' }]);
      const dates = await warehouse.query({
        name: 'dates.sql',
        sql: "SELECT d FROM (SELECT DATE '2026-03-01' AS d UNION ALL SELECT DATE '2026-03-08' UNION ALL SELECT DATE '2026-03-15') WHERE d IN (SELECT * FROM UNNEST(@wanted)) ORDER BY d",
        params: { wanted: { type: 'ARRAY<DATE>', value: ['2026-03-15', '2026-03-01'] as IsoDate[] } },
        labels: {},
      });
      expect(dates).toEqual([{ d: '2026-03-01' }, { d: '2026-03-15' }]);
    } finally {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
