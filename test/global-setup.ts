import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateDemoWarehouse } from '../src/demo/generate.js';
import { FIXTURE_OPTIONS, type FixtureTemplate } from './helpers/fixture-template.js';

/**
 * Generates the fixture warehouse (seed 42, 150 days to 2026-03-31) once per test run.
 * A dozen test files read it; each copies the file (milliseconds) instead of generating
 * its own (seconds each on a 2-core machine). Tests that check generation itself
 * (`demo generate` through the CLI, determinism, shape) still generate their own.
 */
export async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-fixture-template-'));
  const path = join(dir, 'fixture.duckdb');
  const summary = await generateDemoWarehouse(path, FIXTURE_OPTIONS);
  const template: FixtureTemplate = { path, summary: JSON.stringify(summary) };
  project.provide('fixtureTemplate', template);
  return () => rmSync(dir, { recursive: true, force: true });
}
