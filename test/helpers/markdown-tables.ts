import { marked, type Token, type Tokens } from 'marked';

/** A Markdown table as a reader sees it: header and cells as rendered plain text. */
export interface ParsedTable {
  readonly header: string[];
  readonly rows: string[][];
}

/**
 * Every table of a document, parsed by marked (GitHub-flavoured). A cell's text is what
 * its inline tokens render to, escapes resolved: `Pipe \| Co \<b\>` reads `Pipe | Co <b>`.
 */
export function markdownTables(markdown: string): ParsedTable[] {
  const found: ParsedTable[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type !== 'table') return;
    const table = token as Tokens.Table;
    found.push({ header: table.header.map((cell) => plainText(cell.tokens)), rows: table.rows.map((row) => row.map((cell) => plainText(cell.tokens))) });
  });
  return found;
}

/** The document's headings, as `## text`. */
export function markdownHeadings(markdown: string): string[] {
  return marked.lexer(markdown).flatMap((token) => (token.type === 'heading' ? [`${'#'.repeat((token as Tokens.Heading).depth)} ${plainText((token as Tokens.Heading).tokens)}`] : []));
}

function plainText(tokens: readonly Token[]): string {
  return tokens.map((token) => ('tokens' in token && token.tokens !== undefined ? plainText(token.tokens) : 'text' in token ? String(token.text) : '')).join('');
}
