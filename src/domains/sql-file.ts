import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** sql/ in the installed package: two levels above both src/domains and dist/domains. */
const SQL_DIR = new URL('../../sql/', import.meta.url);

export function sqlFilePath(file: string): string {
  return fileURLToPath(new URL(file, SQL_DIR));
}

export function readSqlFile(file: string): string {
  return readFileSync(sqlFilePath(file), 'utf8');
}
