import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { readCsvSeries, type CsvColumns } from '../../src/scan/read-csv.js';

const DEFAULTS: CsvColumns = { date: 'date', value: 'value', series: null };
const dir = mkdtempSync(join(tmpdir(), 'monitor-read-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function csv(content: string | Buffer, name = `f${(fileCount += 1)}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Asserts a UsageError with exactly this one-line message (and hint, when given). */
async function expectUsage(path: string, message: string | RegExp, columns: CsvColumns = DEFAULTS, hint?: string): Promise<void> {
  const error: unknown = await readCsvSeries(path, columns).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  const usage = error as UsageError;
  expect(usage.message).not.toContain('\n');
  if (typeof message === 'string') expect(usage.message).toBe(message);
  else expect(usage.message).toMatch(message);
  if (hint !== undefined) expect(usage.hint).toBe(hint);
}

describe('readCsvSeries: reading', () => {
  it('reads a single series keyed by the value column, sorted by date, an empty cell as null', async () => {
    const path = csv('date,value\n2024-01-02,5\n2024-01-01, -3.5 \n2024-01-03,\n2024-01-04,1e6\n\n\n');
    const result = await readCsvSeries(path, DEFAULTS);
    expect(result).toEqual({
      path,
      rows: [
        { dt: '2024-01-01', series: 'value', value: -3.5 },
        { dt: '2024-01-02', series: 'value', value: 5 },
        { dt: '2024-01-03', series: 'value', value: null },
        { dt: '2024-01-04', series: 'value', value: 1e6 },
      ],
      seriesKeys: ['value'],
      first: '2024-01-01',
      last: '2024-01-04',
      seriesColumn: null,
    });
  });

  it('uses a column named series when the caller leaves the series column to auto', async () => {
    const result = await readCsvSeries(csv('date,series,value\n2024-01-02,b,2\n2024-01-01,b,1\n2024-01-03,a,10\n'), DEFAULTS);
    expect(result.seriesColumn).toBe('series');
    expect(result.seriesKeys).toEqual(['a', 'b']);
    expect(result.rows).toEqual([
      { dt: '2024-01-03', series: 'a', value: 10 },
      { dt: '2024-01-01', series: 'b', value: 1 },
      { dt: '2024-01-02', series: 'b', value: 2 },
    ]);
    expect([result.first, result.last]).toEqual(['2024-01-01', '2024-01-03']);
  });

  it('takes custom header names, and a custom value column names the single series', async () => {
    const multi = await readCsvSeries(csv('day,orders,region\n2024-01-01,3,eu\n2024-01-01,4,us\n'), { date: 'day', value: 'orders', series: 'region' });
    expect(multi.seriesColumn).toBe('region');
    expect(multi.rows.map((row) => [row.series, row.value])).toEqual([['eu', 3], ['us', 4]]);
    const single = await readCsvSeries(csv('day,orders\n2024-01-01,3\n'), { date: 'day', value: 'orders', series: null });
    expect(single.seriesKeys).toEqual(['orders']);
  });

  it('accepts a midnight timestamp as its date, and CRLF files', async () => {
    const result = await readCsvSeries(csv('date,value\r\n2024-01-01 00:00:00,1\r\n2024-01-02T00:00:00,2\r\n'), DEFAULTS);
    expect(result.rows.map((row) => row.dt)).toEqual(['2024-01-01', '2024-01-02']);
  });

  it('reads the NYC taxi benchmark: 215 days of one series', async () => {
    const result = await readCsvSeries('test/fixtures/benchmarks/nyc-taxi/nyc_taxi_daily.csv', DEFAULTS);
    expect(result.rows).toHaveLength(215);
    expect([result.first, result.last]).toEqual(['2014-07-01', '2015-01-31']);
    expect(result.seriesKeys).toEqual(['value']);
    expect(result.rows[0]).toEqual({ dt: '2014-07-01', series: 'value', value: 745967 });
    expect(result.rows.every((row) => typeof row.value === 'number')).toBe(true);
  });
});

describe('readCsvSeries: line numbers', () => {
  it('count blank lines, CRLF and line breaks inside quoted cells', async () => {
    const path = csv('date,value,note\r\n2024-01-01,1,"two\r\nlines"\r\n\r\n\r\n2024-01-02,abc,x\r\n');
    await expectUsage(path, `${path} line 6, column "value": "abc" is not a number`);
  });

  it('fall back to the data row when the raw bytes are not the CSV text (gzip, read by DuckDB)', async () => {
    const path = csv(gzipSync('date,value\n2024-01-01,1\n\n2024-01-02,abc\n'), 'packed.csv.gz');
    await expectUsage(path, `${path} data row 2, column "value": "abc" is not a number`);
  });
});

describe('readCsvSeries: errors', () => {
  it('a missing file, a directory, or a path DuckDB would glob', async () => {
    const missing = join(dir, 'nope.csv');
    await expectUsage(missing, `cannot read ${missing}: no such file`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    await expectUsage(folder, `cannot read ${folder}: not a file`);
    const glob = csv('date,value\n2024-01-01,1\n', 'a[1].csv');
    await expectUsage(glob, `cannot read ${glob}: DuckDB reads * ? [ in a path as wildcards`);
  });

  it('a file DuckDB cannot read as CSV names the cause on the same line', async () => {
    const notUtf8 = csv(Buffer.from('date,value\n2024-01-01,\xff\xfe\n', 'latin1'));
    await expectUsage(notUtf8, new RegExp(`^cannot read ${escape(notUtf8)}: Invalid Input Error: CSV Error on Line: \\d+: Invalid unicode`));
    const ragged = csv('date,value\n2024-01-01,1\n2024-01-02,1,2\n');
    await expectUsage(ragged, new RegExp(`^cannot read ${escape(ragged)}: Invalid Input Error: `));
  });

  it('a missing column names the flag, case-sensitively', async () => {
    const path = csv('Date,value\n2024-01-01,1\n');
    await expectUsage(path, `${path}: no column "date" (columns: Date, value)`, DEFAULTS, 'name it with --date-col');
    const noValue = csv('date,amount\n2024-01-01,1\n');
    await expectUsage(noValue, `${noValue}: no column "value" (columns: date, amount)`, DEFAULTS, 'name it with --value-col');
    const noSeries = csv('date,value\n2024-01-01,1\n');
    await expectUsage(noSeries, `${noSeries}: no column "region" (columns: date, value)`, { ...DEFAULTS, series: 'region' }, 'name it with --series-col');
  });

  it('a semicolon file gets a hint about the separator', async () => {
    const path = csv('date;value\n2024-01-01;1\n');
    await expectUsage(path, `${path}: no column "date" (columns: date;value)`, DEFAULTS, 'the file must be comma-separated; or name the column with --date-col');
  });

  it('reports the first bad date in file order, an empty one and a non-midnight time too', async () => {
    const path = csv('date,value\n2024-01-01,1\n\n2024-13-01,2\n01/02/2024,3\n');
    await expectUsage(path, `${path} line 4, column "date": "2024-13-01" is not a date (YYYY-MM-DD)`);
    const empty = csv('date,value\n,1\n');
    await expectUsage(empty, `${empty} line 2, column "date": "" is not a date (YYYY-MM-DD)`);
    const noon = csv('date,value\n2024-01-01 12:00:00,1\n');
    await expectUsage(noon, `${noon} line 2, column "date": "2024-01-01 12:00:00" is not a date (YYYY-MM-DD)`);
  });

  it.each(['abc', 'NaN', 'inf', '1e999', '"1,5"', '0x10'])('rejects the value %s', async (cell) => {
    const path = csv(`date,value\n2024-01-01,1\n2024-01-02,${cell}\n`);
    const shown = cell.replace(/^"|"$/g, '');
    await expectUsage(path, `${path} line 3, column "value": "${shown}" is not a number`);
  });

  it('checks dates before values, whatever comes first in the file', async () => {
    const path = csv('date,value\n2024-01-01,abc\n2024-02-30,1\n');
    await expectUsage(path, `${path} line 3, column "date": "2024-02-30" is not a date (YYYY-MM-DD)`);
  });

  it('keeps a cell with a line break or a huge cell to one short line', async () => {
    const path = csv(`date,value\n2024-01-01,"a\nb"\n2024-01-02,${'9'.repeat(30)}x${'9'.repeat(30)}\n`);
    await expectUsage(path, `${path} line 2, column "value": "a\\nb" is not a number`);
    const long = csv(`date,value\n2024-01-01,${'9'.repeat(30)}x${'9'.repeat(30)}\n`);
    await expectUsage(long, `${long} line 2, column "value": "${'9'.repeat(30)}x${'9'.repeat(9)}…" is not a number`);
  });

  it('a date twice in one series, naming both lines', async () => {
    const single = csv('date,value\n2024-01-01,1\n2024-01-02,2\n2024-01-01 00:00:00,3\n');
    await expectUsage(single, `${single} line 4: date 2024-01-01 appears twice (first on line 2)`);
    const multi = csv('date,series,value\n2024-01-03,a,1\n2024-01-03,b,1\n2024-01-04,a,1\n2024-01-03,a,2\n');
    await expectUsage(multi, `${multi} line 5: date 2024-01-03 appears twice for series "a" (first on line 2)`);
  });

  it('an empty series cell in a series file', async () => {
    const path = csv('date,series,value\n2024-01-01,a,1\n2024-01-01,,1\n');
    await expectUsage(path, `${path} line 3, column "series": empty series name`);
  });

  it.each([
    ['a header only', 'date,value\n'],
    ['a header and blank lines', 'date,value\n\n\n'],
    ['an empty file', ''],
  ])('no data rows: %s', async (_, content) => {
    const path = csv(content);
    await expectUsage(path, `${path}: no data rows`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
