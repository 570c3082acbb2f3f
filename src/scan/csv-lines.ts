/**
 * Where each record DuckDB returned starts in the file, so errors can say "line 7".
 *
 * read_csv hands back records, not lines, and record n is not line n + 1: it skips
 * blank lines, and a quoted cell may hold line breaks. Both are visible from outside:
 * blank lines in the raw text, and the breaks inside cells in the values DuckDB
 * returns. So we walk the raw lines and let each record consume 1 + its breaks,
 * without parsing any CSV ourselves.
 */

/** A cell as read_csv(all_varchar) returns it; null for an empty cell. */
export type Cell = string | null;

/** Names a record by its file line, or by its data row when the lines cannot be trusted. */
export function recordLocator(text: string, names: readonly string[], cells: readonly Cell[][]): (row: number) => string {
  const lines = recordLineNumbers(
    text,
    names.reduce((sum, name) => sum + countBreaks(name), 0),
    cells.map((row) => ({ breaks: row.reduce((sum, cell) => sum + countBreaks(cell), 0), probe: probeOf(row[0] ?? null) })),
  );
  return (row) => (lines === undefined ? `data row ${row + 1}` : `line ${lines[row] ?? '?'}`);
}

// A cell whose raw text differs from its value (quotes doubled inside it) cannot be
// found on its line, so it is not used to check the line walk.
function probeOf(cell: Cell): string | null {
  if (cell === null || cell.includes('"')) return null;
  return cell.split('\n')[0] ?? null;
}

interface RecordShape {
  /** Line breaks inside the record's cells, over every column. */
  readonly breaks: number;
  /** Text the record's first line must contain (its first cell), or null to skip the check. */
  readonly probe: string | null;
}

/**
 * Line numbers (header = 1) of each record, or undefined when the walk does not land
 * exactly where DuckDB did. That happens for files whose raw bytes are not the CSV
 * text (DuckDB unpacks .gz by itself) or that end lines with a lone CR; a wrong line
 * number is worse than none, so records are then named by position instead.
 */
function recordLineNumbers(text: string, headerBreaks: number, records: readonly RecordShape[]): number[] | undefined {
  const lines = text.split('\n');
  const isBlank = (index: number): boolean => {
    const line = lines[index];
    return line === '' || line === '\r';
  };
  const numbers: number[] = [];
  let next = 1 + headerBreaks;
  for (const record of records) {
    while (next < lines.length && isBlank(next)) next += 1;
    if (next >= lines.length) return undefined;
    if (record.probe !== null && !(lines[next] ?? '').includes(record.probe)) return undefined;
    numbers.push(next + 1);
    next += 1 + record.breaks;
  }
  if (next > lines.length) return undefined;
  for (; next < lines.length; next += 1) if (!isBlank(next)) return undefined;
  return numbers;
}

function countBreaks(cell: Cell): number {
  if (cell === null) return 0;
  let count = 0;
  for (const char of cell) if (char === '\n') count += 1;
  return count;
}
