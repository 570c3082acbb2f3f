import { copyFileSync } from 'node:fs';
import { inject } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import type { DemoSummary } from '../../src/demo/generate.js';

/** The fixed-date warehouse most tests read: the same data on every machine. */
export const FIXTURE_OPTIONS = { seed: 42, days: 150, end: isoDate('2026-03-31') } as const;

/** Where test/global-setup.ts generated the fixture warehouse, and its summary as JSON. */
export interface FixtureTemplate {
  readonly path: string;
  readonly summary: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureTemplate: FixtureTemplate;
  }
}

/**
 * Copies the fixture warehouse generated once for this test run to `destination`, a file
 * the test owns and may write to, and returns the generator's summary (ground truth).
 */
export function copyFixtureWarehouse(destination: string): DemoSummary {
  const template = inject('fixtureTemplate');
  copyFileSync(template.path, destination);
  return JSON.parse(template.summary) as DemoSummary;
}
