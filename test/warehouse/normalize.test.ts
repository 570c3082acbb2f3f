import { BigQuery } from '@google-cloud/bigquery';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { WarehouseError } from '../../src/errors.js';
import { normalizeBigQueryRow, normalizeBigQueryValue } from '../../src/warehouse/normalize-bigquery.js';
import { normalizeDuckDBResult } from '../../src/warehouse/normalize-duckdb.js';
import { decimalTextToNumber, integerToNumber } from '../../src/warehouse/normalize-value.js';

describe('BigQuery values as the client parses them', () => {
  // Real client parsing of a getQueryResults row, with the options the warehouse uses.
  const schema = {
    fields: [
      { name: 'dt', type: 'DATE' },
      { name: 'n', type: 'INT64' },
      { name: 'amount', type: 'NUMERIC' },
      { name: 'rate', type: 'FLOAT64' },
      { name: 'ok', type: 'BOOL' },
      { name: 'name', type: 'STRING' },
      { name: 'missing', type: 'INT64' },
    ],
  };
  const parse = (values: (string | null)[]) =>
    BigQuery.mergeSchemaWithRows_(schema, [{ f: values.map((v) => ({ v })) }], { wrapIntegers: true, parseJSON: false })[0];

  it('turns DATE, INT64, NUMERIC, FLOAT64, BOOL, STRING and NULL into plain scalars', () => {
    const row = normalizeBigQueryRow(parse(['2026-03-01', '9007199254740991', '12.50', '0.25', 'true', 'free', null]));
    expect(row).toEqual({ dt: '2026-03-01', n: 9007199254740991, amount: 12.5, rate: 0.25, ok: true, name: 'free', missing: null });
  });

  it('fails loudly on an INT64 beyond 2^53 instead of rounding it', () => {
    expect(() => normalizeBigQueryRow(parse(['2026-03-01', '9007199254740993', '1', '1', 'true', 'x', null]))).toThrow(WarehouseError);
    expect(() => normalizeBigQueryRow(parse(['2026-03-01', '9007199254740993', '1', '1', 'true', 'x', null]))).toThrow(/column n: integer 9007199254740993 is beyond 2\^53/);
  });

  it('keeps NaN and infinities, so the series builder reports them instead of reading them as missing', () => {
    expect(normalizeBigQueryValue(Number.NaN, 'x')).toBeNaN();
    expect(normalizeBigQueryValue(Number.POSITIVE_INFINITY, 'x')).toBe(Number.POSITIVE_INFINITY);
    expect(decimalTextToNumber('NaN', 'x')).toBeNaN();
    expect(decimalTextToNumber('-Infinity', 'x')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rejects types the stats core cannot use', () => {
    expect(() => normalizeBigQueryValue(Buffer.from('x'), 'blob')).toThrow(/unsupported BigQuery value type/);
  });
});

describe('DuckDB values', () => {
  it('turns DATE, BIGINT, HUGEINT, DECIMAL and DOUBLE into plain scalars', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        "SELECT DATE '2026-03-01' AS dt, 42::BIGINT AS n, SUM(x) AS s, 12.5::DECIMAL(10,2) AS amount, 1/0 AS inf, NULL AS missing FROM (VALUES (1::BIGINT), (2::BIGINT)) v(x)",
      );
      // 1/0 is +Infinity in DuckDB: kept, so the series builder reports it (a data-quality finding).
      expect(normalizeDuckDBResult(reader)).toEqual([{ dt: '2026-03-01', n: 42, s: 3, amount: 12.5, inf: Number.POSITIVE_INFINITY, missing: null }]);
      // Every row, and a repeated column name under the key getRowObjects gives it.
      const two = await connection.runAndReadAll('SELECT x AS a, x * 2 AS a, x::VARCHAR AS b FROM (VALUES (1), (2)) v(x) ORDER BY x');
      expect(normalizeDuckDBResult(two)).toEqual([
        { a: 1, 'a:1': 2, b: '1' },
        { a: 2, 'a:1': 4, b: '2' },
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('fails loudly on integers beyond 2^53', () => {
    expect(() => integerToNumber(2n ** 60n, 'tokens')).toThrow(/column tokens: integer 1152921504606846976 is beyond 2\^53/);
    expect(integerToNumber(-(2n ** 52n), 'x')).toBe(-(2 ** 52));
  });
});
