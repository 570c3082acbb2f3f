import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * Written next to the target and renamed over it: a reader (or a web server publishing the
 * folder) sees the old report or the new one, never half of one.
 */
export function writeWhole(path: string, text: string, flag: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`${flag} ${path}: cannot write (${code})`, 'check that the folder exists and is writable');
  }
}
