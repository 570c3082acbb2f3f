import { readFileSync, statSync } from 'node:fs';
import { parseIsoDate, type IsoDate } from '../dates/iso-date.js';
import { UsageError } from '../errors.js';
import { duckdb } from '../warehouse/duckdb-api.js';
import { recordLocator, type Cell } from './csv-lines.js';

/** Header names; series null = auto: a column named 'series' if the file has one, else one series. */
export interface CsvColumns {
  readonly date: string;
  readonly value: string;
  readonly series: string | null;
}

/** value null = an empty cell (a missing day), never zero. */
export interface CsvSeriesRow {
  readonly dt: IsoDate;
  readonly series: string;
  readonly value: number | null;
}

export interface CsvSeries {
  readonly path: string;
  /** Sorted by series, then dt. */
  readonly rows: readonly CsvSeriesRow[];
  readonly seriesKeys: readonly string[];
  readonly first: IsoDate;
  readonly last: IsoDate;
  /** The column actually used; null = single series, keyed by the value column's name. */
  readonly seriesColumn: string | null;
}

// The dialect is pinned because DuckDB's sniffer, left free, reads a malformed comma
// file as something else (one column named "date,value", a header taken from a later
// line after an auto-detected skip, '#' lines silently dropped as comments): the user
// would get a baffling column error, or rows the file does not show, instead of a read
// error, and line 1 would no longer be the header. Every cell stays VARCHAR so that we
// validate it ourselves and can name the line.
const READ_SQL = `SELECT * FROM read_csv($path, header = true, all_varchar = true,
  delim = ',', quote = '"', escape = '"', skip = 0, comment = '')`;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T]00:00:00)?$/;

export async function readCsvSeries(path: string, columns: CsvColumns): Promise<CsvSeries> {
  checkPlainFile(path);
  const { names, cells } = await readCells(path);
  const text = readFileSync(path, 'utf8');
  const noRows = new UsageError(`${path}: no data rows`, 'add one line per day below the header line');
  // DuckDB names the lone column of an empty file "column0"; saying so would mislead.
  if (text.trim() === '') throw noRows;
  const column = (name: string, flag: string): number => {
    const index = names.indexOf(name);
    if (index < 0) throw new UsageError(`${path}: no column ${JSON.stringify(name)} (columns: ${listNames(names)})`, columnHint(names, flag));
    return index;
  };
  const dateIndex = column(columns.date, '--date-col');
  const valueIndex = column(columns.value, '--value-col');
  const autoSeries = names.includes('series') && columns.date !== 'series' && columns.value !== 'series';
  const seriesColumn = columns.series ?? (autoSeries ? 'series' : null);
  const seriesIndex = seriesColumn === null ? -1 : column(seriesColumn, '--series-col');
  if (cells.length === 0) throw noRows;

  const where = recordLocator(text, names, cells);
  const cellError = (row: number, name: string, problem: string, hint: string): UsageError =>
    new UsageError(`${path} ${where(row)}, column ${JSON.stringify(name)}: ${problem}`, hint);

  const dates = cells.map((row, i) => {
    const cell = row[dateIndex] ?? null;
    const date = parseDateCell(cell);
    if (date === undefined) throw cellError(i, columns.date, `${quote(cell)} is not a date (YYYY-MM-DD)`, 'write dates as 2024-01-31');
    return date;
  });
  const values = cells.map((row, i) => {
    const cell = row[valueIndex] ?? null;
    const value = parseValueCell(cell);
    if (value === undefined) throw cellError(i, columns.value, `${quote(cell)} is not a number`, 'write plain numbers such as 12, -3.5 or 1e6; leave the cell empty for a missing day');
    return value;
  });
  const keys = cells.map((row, i) => {
    if (seriesColumn === null) return columns.value;
    const cell = row[seriesIndex] ?? null;
    if (cell === null || cell.trim() === '') throw cellError(i, seriesColumn, 'empty series name', 'give every row a series name');
    return cell;
  });

  const seen = new Map<string, number>();
  const rows = cells.map((_, i): CsvSeriesRow => {
    const dt = dates[i] as IsoDate;
    const series = keys[i] as string;
    const key = `${series}\u0000${dt}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const which = seriesColumn === null ? '' : ` for series ${JSON.stringify(series)}`;
      throw new UsageError(`${path} ${where(i)}: date ${dt} appears twice${which} (first on ${where(earlier)})`, `keep one row per date${which === '' ? '' : ' and series'}`);
    }
    seen.set(key, i);
    return { dt, series, value: values[i] ?? null };
  });
  rows.sort((a, b) => compare(a.series, b.series) || compare(a.dt, b.dt));
  const sortedDates = [...dates].sort(compare);
  return {
    path,
    rows,
    seriesKeys: [...new Set(keys)].sort(compare),
    first: sortedDates[0] as IsoDate,
    last: sortedDates[sortedDates.length - 1] as IsoDate,
    seriesColumn,
  };
}

// DuckDB reads * ? [ as a glob (a path "a[1].csv" silently reads a1.csv instead) and a
// directory as every file in it; both would give rows from files the user never named.
function checkPlainFile(path: string): void {
  if (/[*?[]/.test(path)) throw new UsageError(`cannot read ${path}: DuckDB reads * ? [ in a path as wildcards`, 'rename the file, or copy it to a name without them');
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : reason(error)}`, 'check the path given to --csv');
  }
  if (!isFile) throw new UsageError(`cannot read ${path}: not a file`, 'give --csv the path of a CSV file');
}

async function readCells(path: string): Promise<{ names: string[]; cells: Cell[][] }> {
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      // A plain SELECT from one table function keeps file order (DuckDB's documented
      // insertion-order guarantee), so the array index is the record's position.
      const reader = await connection.runAndReadAll(READ_SQL, { path });
      const cells = reader.getRows().map((row) => row.map((cell) => (cell === null ? null : String(cell))));
      return { names: reader.columnNames(), cells };
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${reason(error)}`, 'check that the file is comma-separated UTF-8 text: a header line, then the same number of fields on every line');
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

function parseDateCell(cell: Cell): IsoDate | undefined {
  const match = DATE.exec(cell?.trim() ?? '');
  return match?.[1] === undefined ? undefined : parseIsoDate(match[1]);
}

/** null = empty cell; undefined = not a number. */
function parseValueCell(cell: Cell): number | null | undefined {
  const text = cell?.trim() ?? '';
  if (text === '') return null;
  const value = NUMBER.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

function columnHint(names: readonly string[], flag: string): string {
  const oneColumn = names.length === 1 && /[;\t|]/.test(names[0] ?? '');
  return oneColumn ? `the file must be comma-separated; or name the column with ${flag}` : `name it with ${flag}`;
}

// Messages are one line: a header or cell may hold line breaks and be megabytes long.
function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((name) => name.replace(/\s+/g, ' '));
  return names.length > 20 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function quote(cell: Cell): string {
  const text = cell ?? '';
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The first line of an error, except that DuckDB's "CSV Error on Line: N" says where but
// not what: the cause sits a few lines further down.
function reason(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n');
  const first = lines[0] ?? '';
  if (!/CSV Error on Line: \d+$/.test(first)) return first;
  const cause = lines.slice(1).find((line) => line.trim() !== '' && !line.startsWith('Original Line:'));
  return cause === undefined ? first : `${first}: ${cause.trim()}`;
}
