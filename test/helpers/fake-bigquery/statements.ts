import { tokenizeSql, type SqlToken } from '../../../src/warehouse/sql-tokens.js';
import { invalidQuery } from './api-error.js';

/** BigQuery's `statistics.query.statementType` for the statements the fake runs. */
export type StatementType = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | 'CREATE_TABLE' | 'DROP_TABLE' | 'ALTER_TABLE';

export type DmlStatementType = Extract<StatementType, 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE'>;

export function isDml(type: StatementType): type is DmlStatementType {
  return type === 'INSERT' || type === 'UPDATE' || type === 'DELETE' || type === 'MERGE';
}

export function isDdl(type: StatementType): boolean {
  return type === 'CREATE_TABLE' || type === 'DROP_TABLE' || type === 'ALTER_TABLE';
}

/** One statement of a writable fake, classified and respelled where DuckDB needs it. */
export interface Statement {
  readonly type: StatementType;
  /** Still BigQuery SQL (backtick names, @params), with the spellings DuckDB lacks filled in. */
  readonly sql: string;
  /** CREATE TABLE IF NOT EXISTS / DROP TABLE IF EXISTS (never for ALTER TABLE, whose IF NOT EXISTS is per column). */
  readonly ifExistsClause: boolean;
  /** CREATE OR REPLACE TABLE. */
  readonly orReplace: boolean;
}

/** Read-only mode classifies nothing: every job is reported as a SELECT, as before. */
export function selectStatement(sql: string): Statement {
  return { type: 'SELECT', sql, ifExistsClause: false, orReplace: false };
}

const HEADS: readonly (readonly [RegExp, StatementType])[] = [
  [/^(?:SELECT|WITH)\b|^\(/i, 'SELECT'],
  [/^INSERT\b/i, 'INSERT'],
  [/^UPDATE\b/i, 'UPDATE'],
  [/^DELETE\b/i, 'DELETE'],
  [/^MERGE\b/i, 'MERGE'],
  [/^CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\b/i, 'CREATE_TABLE'],
  [/^DROP\s+TABLE\b/i, 'DROP_TABLE'],
  // Only what the state migration uses: ALTER TABLE t ADD COLUMN [IF NOT EXISTS] c TYPE (DuckDB spells it the same).
  [/^ALTER\s+TABLE\b/i, 'ALTER_TABLE'],
];

/**
 * Classifies a statement for the writable fake and adapts what DuckDB spells differently:
 *  - BigQuery lets `INSERT t`, `MERGE t` omit INTO and `DELETE t` omit FROM; DuckDB does not;
 *  - in CREATE TABLE, FLOAT64 becomes DOUBLE and a bare NUMERIC DECIMAL(38, 9)
 *    (STRING, INT64, BOOL, DATE, TIMESTAMP are DuckDB type names already);
 *  - UPDATE and DELETE need a WHERE clause, as in BigQuery;
 *  - one statement per job: BigQuery scripts (statements after a `;`) are refused.
 * The SQL has already been tokenized once, so tokenizeSql does not throw here.
 */
export function parseStatement(sql: string): Statement {
  const tokens = tokenizeSql(sql);
  refuseScripts(tokens);
  const head = statementHead(tokens);
  const type = HEADS.find(([pattern]) => pattern.test(head))?.[1];
  if (type === undefined) {
    const word = /^\S*/.exec(head)?.[0] ?? '';
    throw invalidQuery(
      `The fake BigQuery runs SELECT, INSERT, UPDATE, DELETE, MERGE, CREATE TABLE, DROP TABLE and ALTER TABLE statements only, not ${JSON.stringify(word)}`,
    );
  }
  const code = tokens.filter((token) => token.kind === 'code').map((token) => token.text).join(' ');
  if ((type === 'UPDATE' || type === 'DELETE') && !/\bWHERE\b/i.test(code)) throw invalidQuery(`${type} must have a WHERE clause`);
  let leading = true;
  const adapted = tokens.map((token) => {
    if (token.kind !== 'code') return token.text;
    let text = token.text;
    if (leading && text.trim() !== '') {
      leading = false;
      text = text.replace(/^(\s*)(INSERT|MERGE)\b(?!\s+INTO\b)/i, '$1$2 INTO').replace(/^(\s*)DELETE\b(?!\s+FROM\b)/i, '$1DELETE FROM');
    }
    return type === 'CREATE_TABLE' ? text.replace(/\bFLOAT64\b/gi, 'DOUBLE').replace(/\bNUMERIC\b(?!\s*\()/gi, 'DECIMAL(38, 9)') : text;
  });
  return {
    type,
    sql: adapted.join(''),
    ifExistsClause: isDdl(type) && /\bIF\s+(?:NOT\s+)?EXISTS\s*$/i.test(head),
    orReplace: type === 'CREATE_TABLE' && /^CREATE\s+OR\s+REPLACE\b/i.test(head),
  };
}

/** The statement's code before its first literal, name or parameter, comments dropped. */
function statementHead(tokens: readonly SqlToken[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'comment') continue;
    if (token.kind !== 'code') break;
    parts.push(token.text);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function refuseScripts(tokens: readonly SqlToken[]): void {
  let ended = false;
  for (const token of tokens) {
    if (token.kind === 'comment') continue;
    let rest = token.text;
    if (!ended) {
      const at = token.kind === 'code' ? token.text.indexOf(';') : -1;
      if (at < 0) continue;
      ended = true;
      rest = token.text.slice(at + 1);
    }
    if (rest.replace(/;/g, '').trim() !== '') {
      throw invalidQuery('The fake BigQuery runs one statement per job: multi-statement scripts are not supported');
    }
  }
}
