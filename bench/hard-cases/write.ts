import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  HARD_CASES_CSV,
  HARD_CASES_DIR,
  HARD_CASES_FIXTURE,
  HARD_CASES_LABELS,
  HARD_CASES_README,
  generateHardCases,
  hardCasesCsv,
  hardCasesLabels,
  hardCasesReadme,
} from '../../src/demo/hard-cases.js';

/**
 * Writes the hard-cases benchmark (seed 20261201, 364 days to 2026-03-31):
 *   npx tsx bench/hard-cases/write.ts [--out DIR]
 * Default DIR: test/fixtures/benchmarks/hard-cases (relative to the repository root).
 * test/demo/hard-cases.test.ts checks the committed files against a fresh generation.
 */
const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.resolve(values.out ?? path.join(repoRoot, HARD_CASES_DIR));

const options = HARD_CASES_FIXTURE;
const cases = generateHardCases(options);
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, HARD_CASES_CSV), hardCasesCsv(cases));
writeFileSync(path.join(out, HARD_CASES_LABELS), hardCasesLabels(cases, options));
writeFileSync(path.join(out, HARD_CASES_README), hardCasesReadme(cases, options));
console.log(`wrote ${cases.rows.length} rows of ${cases.cases.length} series and ${cases.events.length} labelled events to ${out}`);
