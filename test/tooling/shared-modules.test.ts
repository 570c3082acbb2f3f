import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * vitest.config.ts runs test files one after another in the same worker process with the
 * modules already loaded (isolate: false). That is sound only while no file changes a
 * module or the process for the files after it: no module mocks or global stubs, and
 * process.env or process.chdir changed only where a finally block restores it.
 */
const ROOT = join(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('test files share a worker process', () => {
  const files = testFiles(ROOT).filter((file) => !file.endsWith('shared-modules.test.ts'));

  it('no file mocks a module or stubs a global', () => {
    const offenders = files.filter((file) => /\bvi\s*\.\s*(mock|doMock|stubGlobal|stubEnv|useFakeTimers)\b/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('a file that sets process.env restores it in a finally block', () => {
    const unrestored = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /process\.env\[[^\]]+\]\s*=[^=]/.test(text) && !/finally\s*{[^}]*process\.env/.test(text);
    });
    expect(files.length).toBeGreaterThan(50);
    expect(unrestored.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
