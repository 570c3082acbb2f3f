/**
 * A GitHub-flavoured Markdown pipe table: a header, its separator, one line per row.
 * `|` and line breaks inside a cell are escaped so a cell stays one cell. Right-aligned
 * columns (numbers) get `---:`. Shared by the reports' Markdown output and the
 * benchmark's BENCHMARKS.md.
 */
export function renderMarkdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly rightAligned?: (column: number) => boolean } = {},
): string {
  if (header.length === 0) throw new RangeError('a table needs at least one column');
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) throw new RangeError(`row ${i + 1} has ${row.length} cells, the header ${header.length}`);
  }
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const separator = `|${header.map((_, i) => (options.rightAligned?.(i) === true ? '---:' : '---')).join('|')}|`;
  return [line(header), separator, ...rows.map(line)].join('\n') + '\n';
}

/**
 * Only what would end the cell or the row. Backslashes stay as written: a cell that holds
 * free text is escaped by escapeMarkdownText first, and escaping them again here would
 * show the reader its backslashes.
 */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Inline code for a command or an identifier; a backtick inside gets a longer fence. */
export function inlineCode(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Free text that must not turn into Markdown: emphasis, code, links, headings, HTML. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

/** Free text that starts a paragraph or a list item: also no list marker at its start ("1. process …"). */
export function escapeMarkdownBlock(text: string): string {
  return escapeMarkdownText(text).replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+])(\s)/, '\\$1$2');
}
