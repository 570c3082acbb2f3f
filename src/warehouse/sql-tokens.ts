/**
 * A small lexer for BigQuery Standard SQL, just enough to rewrite it safely: the parts
 * that must never be touched (string literals, comments) are kept apart from code,
 * backtick identifiers and @parameters. Regex replacement over raw SQL would rewrite
 * an `@x` inside a string or a comment; this does not.
 */
export type SqlToken =
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'quoted'; readonly text: string; readonly name: string }
  | { readonly kind: 'param'; readonly text: string; readonly name: string };

export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let code = '';
  const flushCode = (): void => {
    if (code !== '') tokens.push({ kind: 'code', text: code });
    code = '';
  };
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      flushCode();
      const end = indexOrEnd(sql, '\n', i);
      tokens.push({ kind: 'comment', text: sql.slice(i, end) });
      i = end;
    } else if (ch === '#') {
      flushCode();
      const end = indexOrEnd(sql, '\n', i);
      tokens.push({ kind: 'comment', text: sql.slice(i, end) });
      i = end;
    } else if (ch === '/' && next === '*') {
      flushCode();
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new SyntaxError('unterminated /* comment */ in SQL');
      tokens.push({ kind: 'comment', text: sql.slice(i, close + 2) });
      i = close + 2;
    } else if (ch === "'" || ch === '"') {
      flushCode();
      const end = endOfQuoted(sql, i, ch);
      tokens.push({ kind: 'string', text: sql.slice(i, end) });
      i = end;
    } else if (ch === '`') {
      flushCode();
      const close = sql.indexOf('`', i + 1);
      if (close < 0) throw new SyntaxError('unterminated `identifier` in SQL');
      tokens.push({ kind: 'quoted', text: sql.slice(i, close + 1), name: sql.slice(i + 1, close) });
      i = close + 1;
    } else if (ch === '@' && next === '@') {
      // @@system_variable: code, not a parameter.
      const match = /^@@[A-Za-z_][A-Za-z0-9_.]*/.exec(sql.slice(i));
      const text = match?.[0] ?? '@@';
      code += text;
      i += text.length;
    } else if (ch === '@' && /[A-Za-z_]/.test(next ?? '')) {
      flushCode();
      const match = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'param', text: match[0], name: match[1] as string });
      i += match[0].length;
    } else {
      code += ch;
      i += 1;
    }
  }
  flushCode();
  return tokens;
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}

/** End (exclusive) of a quoted literal starting at `start`, honouring backslash escapes and triple quotes. */
function endOfQuoted(sql: string, start: number, quote: string): number {
  const triple = sql.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  let i = start + closing.length;
  while (i < sql.length) {
    if (sql[i] === '\\') {
      i += 2;
      continue;
    }
    if (sql.startsWith(closing, i)) return i + closing.length;
    i += 1;
  }
  throw new SyntaxError('unterminated string literal in SQL');
}
