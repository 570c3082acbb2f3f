import { writeFileSync } from 'node:fs';
import { LOGICAL_TABLES } from '../../src/config/schema.js';

/** `tables:` mapping every logical table to test-project.analytics.<table>, as YAML lines. */
export function bigQueryTableLines(): string[] {
  return ['tables:', ...LOGICAL_TABLES.map((t) => `  ${t}: test-project.analytics.${t}`)];
}

/**
 * Writes a `warehouse: bigquery` config for the fake server: `bigquery` lines go inside
 * the bigquery: section (indented), `extra` lines are top-level YAML appended at the end.
 */
export function writeBigQueryConfig(path: string, options: { bigquery?: readonly string[]; extra?: readonly string[] } = {}): string {
  const lines = [
    'warehouse: bigquery',
    'bigquery:',
    '  project: test-project',
    '  pollIntervalMs: 10',
    ...(options.bigquery ?? []).map((line) => `  ${line}`),
    ...bigQueryTableLines(),
    ...(options.extra ?? []),
    '',
  ];
  writeFileSync(path, lines.join('\n'));
  return path;
}
