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

/**
 * The date of gpu-cost's studio anomaly, for the tests of delivery itself (retries, faults,
 * the outbox, crashes, where state lives), which do not depend on the domain: it is the
 * fixture's cheapest alerting run (gpu-cost's query is a tenth of usage's) and posts a
 * single digest (studio-team's route falls back to the default webhook when
 * SLACK_WEBHOOK_STUDIO_TEAM is unset).
 */
export const DELIVERY_DOMAIN = 'gpu-cost';
export function deliveryAnomalyDate(anomalies: readonly { readonly domain: string; readonly series: string; readonly start: string }[]): string {
  const studio = anomalies.find((a) => a.domain === DELIVERY_DOMAIN && a.series === 'studio');
  if (studio === undefined) throw new Error('the generator injected no studio anomaly');
  return studio.start;
}
