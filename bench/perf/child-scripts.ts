/**
 * The floors run as their own node processes, so they pay node's start-up like the CLI
 * does, and nothing more: no tsx loader (which would add ~0.3 s of start-up to the floor
 * and flatter the CLI). Their TypeScript sources (bench/perf/bare-queries.ts,
 * bench/perf/single-runs.ts) import only node: built-ins and packages; here they are
 * transpiled to plain .mjs in the run's scratch directory, each package import rewritten
 * to the absolute URL it resolves to from this repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import ts from 'typescript';

const HERE = new URL('./', import.meta.url);
const requireFromRepo = createRequire(import.meta.url);

/** Transpiles bench/perf/<name>.ts to <outDir>/<name>.mjs and returns its path. */
export function compileChildScript(name: string, outDir: string): string {
  const sourcePath = new URL(`${name}.ts`, HERE);
  const source = readFileSync(sourcePath, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: basename(sourcePath.pathname),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  const out = join(outDir, `${name}.mjs`);
  writeFileSync(out, rewriteImports(outputText, name));
  return out;
}

/**
 * `from 'pkg'` → `from 'file:///…/node_modules/pkg/…'`, and `createRequire(import.meta.url)('pkg')`
 * → the same with the package's absolute path (resolved as require() resolves it from
 * this repository); relative imports are refused (the script must stand alone).
 */
export function rewriteImports(code: string, name: string): string {
  const required = code.replace(/(\bcreateRequire\(import\.meta\.url\)\(\s*)(['"])([^'"]+)\2/g, (whole, lead: string, quote: string, specifier: string) => {
    if (specifier.startsWith('.') || specifier.startsWith('/')) throw new Error(`bench/perf/${name}.ts requires ${specifier}: a child script may require only packages`);
    return `${lead}${JSON.stringify(requireFromRepo.resolve(specifier))}`;
  });
  return required.replace(/(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g, (whole, lead: string, quote: string, specifier: string) => {
    if (specifier.startsWith('node:')) return whole;
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      throw new Error(`bench/perf/${name}.ts imports ${specifier}: a child script may import only node: built-ins and packages`);
    }
    return `${lead}${quote}${import.meta.resolve(specifier)}${quote}`;
  });
}
